// Exercises SPR's embedded schema registry with Confluent's official client (@confluentinc/schemaregistry).
// Usage: start `./spr local`, then: npm install && node check.js [http://127.0.0.1:8081]
const { SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');
const assert = require('node:assert/strict');

const url = process.argv[2] || 'http://127.0.0.1:8081';
const run = Date.now();
const subject = `compat-check-${run}-value`;
const v1 = { type: 'record', name: 'Vitals', namespace: 'org.openspr.compat', fields: [
  { name: 'nhsNumber', type: 'string' }, { name: 'pulse', type: 'int' }] };
const v2 = { ...v1, fields: [...v1.fields, { name: 'spo2', type: ['null', 'int'], default: null }] };
const breaking = { ...v1, fields: [{ name: 'nhsNumber', type: 'long' }] };

async function main() {
  const client = SchemaRegistryClient.newClient({ baseURLs: [url], cacheCapacity: 100 });
  const checks = [];
  const check = async (name, fn) => { await fn(); checks.push(name); console.log(`ok   ${name}`); };

  let id1, id2;
  await check('register v1 returns an id', async () => {
    id1 = await client.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(v1) });
    assert.ok(Number.isInteger(id1) && id1 > 0);
  });
  await check('register is idempotent', async () => {
    const again = await SchemaRegistryClient.newClient({ baseURLs: [url] }).register(subject, { schemaType: 'AVRO', schema: JSON.stringify(v1) });
    assert.equal(again, id1);
  });
  await check('getBySubjectAndId returns the schema', async () => {
    const info = await client.getBySubjectAndId(subject, id1);
    assert.deepEqual(JSON.parse(info.schema).fields.map(f => f.name), ['nhsNumber', 'pulse']);
  });
  await check('compatible v2 passes testCompatibility and registers as version 2', async () => {
    assert.equal(await client.testSubjectCompatibility(subject, { schemaType: 'AVRO', schema: JSON.stringify(v2) }), true);
    id2 = await client.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(v2) });
    const latest = await client.getLatestSchemaMetadata(subject);
    assert.equal(latest.id, id2);
    assert.equal(latest.version, 2);
    assert.deepEqual(await client.getAllVersions(subject), [1, 2]);
    const first = await client.getSchemaMetadata(subject, 1);
    assert.equal(first.id, id1);
  });
  await check('getId looks up without registering', async () => {
    assert.equal(await client.getId(subject, { schemaType: 'AVRO', schema: JSON.stringify(v1) }), id1);
  });
  await check('an incompatible schema is refused with HTTP 409', async () => {
    assert.equal(await client.testCompatibility(subject, 1, { schemaType: 'AVRO', schema: JSON.stringify(breaking) }), false);
    await assert.rejects(client.register(subject, { schemaType: 'AVRO', schema: JSON.stringify(breaking) }),
      e => e.status === 409 || /409|incompatible/i.test(String(e.message)));
  });
  await check('unknown subject gives 40401', async () => {
    await assert.rejects(client.getLatestSchemaMetadata(`no-such-${run}`), e => e.errorCode === 40401 || /40401/.test(String(e.message)));
  });
  await check('subject and global compatibility can be read and set', async () => {
    assert.equal(await client.updateCompatibility(subject, 'FULL'), 'FULL');
    assert.equal(await client.getCompatibility(subject), 'FULL');
    assert.ok(['BACKWARD', 'BACKWARD_TRANSITIVE', 'FULL', 'NONE', 'FORWARD', 'FULL_TRANSITIVE', 'FORWARD_TRANSITIVE']
      .includes(await client.getDefaultCompatibility()));
  });
  await check('getAllSubjects lists the subject', async () => {
    assert.ok((await client.getAllSubjects()).includes(subject));
  });
  await check('AvroSerializer writes Confluent wire format and AvroDeserializer reads it back', async () => {
    const topic = `compat-serde-${run}`;
    const ser = new AvroSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: true });
    const de = new AvroDeserializer(client, SerdeType.VALUE, {});
    const bytes = await ser.serialize(topic, { nhsNumber: '9990000018', pulse: 72 });
    assert.equal(bytes[0], 0, 'magic byte');
    const schemaId = bytes.readInt32BE(1);
    assert.ok(schemaId > 0);
    const back = await de.deserialize(topic, bytes);
    assert.equal(back.nhsNumber, '9990000018');
    assert.equal(back.pulse, 72);
  });
  await check('deleteSubject soft-deletes', async () => {
    assert.deepEqual(await client.deleteSubject(subject), [1, 2]);
  });
  console.log(`${checks.length} passed, 0 failed`);
}

main().catch(e => { console.error('FAILED:', e); process.exit(1); });
