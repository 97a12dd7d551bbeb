package org.openspr.query.streams;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that reads one patient's record: the request is answered by the instance owning that patient
 * (path parameter {@code nhsNumber}, query parameter {@code patient} or {@code _id}, or the patient caller's own).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PatientScoped {
}
