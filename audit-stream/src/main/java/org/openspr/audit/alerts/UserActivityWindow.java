package org.openspr.audit.alerts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One user's recent permitted patient accesses (latest per distinct patient) and recent denials. Both lists are
 * emptied when their rule fires, so they never hold more than a threshold's worth of entries.
 */
final class UserActivityWindow {
    /** One remembered access: when, which patient (empty for denials), which audit event. */
    record Access(long at, String patient, String auditId) {
    }

    final List<Access> patients;
    final List<Access> denials;

    UserActivityWindow(List<Access> patients, List<Access> denials) {
        this.patients = patients;
        this.denials = denials;
    }

    static UserActivityWindow empty() {
        return new UserActivityWindow(new ArrayList<>(), new ArrayList<>());
    }

    /** Keeps only entries at or after {@code since}, oldest first. */
    static void prune(List<Access> list, long since) {
        list.removeIf(access -> access.at() < since);
        list.sort(Comparator.comparingLong(Access::at));
    }

    byte[] toBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            write(out, patients);
            write(out, denials);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static UserActivityWindow fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return new UserActivityWindow(read(in), read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutputStream out, List<Access> list) throws IOException {
        out.writeInt(list.size());
        for (Access access : list) {
            out.writeLong(access.at());
            out.writeUTF(access.patient());
            out.writeUTF(access.auditId());
        }
    }

    private static List<Access> read(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<Access> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(new Access(in.readLong(), in.readUTF(), in.readUTF()));
        }
        return list;
    }
}
