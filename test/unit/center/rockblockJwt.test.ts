import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RockblockJwtError, loadRockblockKey, verifyRockblockPush } from '../../../center/iridium/rockblockJwt';
import { generateRockblockKeys, rockblockPushBody, signJwt, type SignOptions } from '../../../fixtures/iridium-gateway/rockblockPush';
import { OperatorError } from '../../../platform/OperatorError';
import { RockblockPush, transmitTimeMs } from '../../../protocol/sbd/rockblockPush';

const IMEI = '300234068036650';
const NOW = Date.UTC(2026, 11, 2, 8, 30, 0);
const keys = generateRockblockKeys();
const publicKey = createPublicKey(keys.publicKeyPem);
const mo = { imei: IMEI, momsn: 932, payload: Uint8Array.of(0xab, 0x01, 0xff), transmittedAt: NOW - 2000 };
const verifyOptions = { now: NOW, maxAgeSeconds: 3600 };
const iatNow = Math.floor(NOW / 1000) - 1;

function push(options: SignOptions = {}, body: Record<string, unknown> = {}): RockblockPush {
  return RockblockPush.parse({ ...rockblockPushBody(mo, keys.privateKey, { iat: iatNow, ...options }), ...body });
}

function problemOf(value: RockblockPush, options = verifyOptions): string {
  try {
    verifyRockblockPush(value, publicKey, options);
  } catch (error) {
    if (error instanceof RockblockJwtError) return `${error.problem}: ${error.message}`;
    throw error;
  }
  return 'verified';
}

describe('the RockBLOCK push body', () => {
  it("reads Rock7's own example: numbers in the body, a hex payload, YY-MM-DD transmit time", () => {
    const parsed = RockblockPush.parse({
      momsn: 932,
      data: '41626364',
      serial: 16949,
      iridium_latitude: 37.663,
      iridium_cep: 101.0,
      JWT: 'eyJhbGciOiJSUzI1NiJ9.e30.AA',
      imei: IMEI,
      device_type: 'ROCKBLOCK',
      transmit_time: '22-02-01 22:25:31',
      iridium_longitude: 171.4884,
      someday_a_new_field: 'ignored',
    });
    expect(parsed).toEqual({
      momsn: 932,
      data: '41626364',
      serial: 16949,
      iridium_latitude: 37.663,
      iridium_cep: 101,
      JWT: 'eyJhbGciOiJSUzI1NiJ9.e30.AA',
      imei: IMEI,
      device_type: 'ROCKBLOCK',
      transmit_time: '22-02-01 22:25:31',
      iridium_longitude: 171.4884,
    });
    expect(transmitTimeMs('22-02-01 22:25:31')).toBe(Date.UTC(2022, 1, 1, 22, 25, 31));
  });

  it('refuses what is not an MO push, naming the field', () => {
    const good = push() as unknown as Record<string, unknown>;
    const issues = (change: Record<string, unknown>) => {
      const result = RockblockPush.safeParse({ ...good, ...change });
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ imei: '12345' })).toEqual(['imei: an IMEI is 15 digits']);
    expect(issues({ data: 'abc' })).toEqual(['data: expected hex digits in pairs']);
    expect(issues({ data: 'ab'.repeat(341) })).toEqual(['data: at most 340 bytes (hex)']);
    expect(issues({ momsn: 65_536 })).toHaveLength(1);
    expect(issues({ momsn: '12abc' })).toHaveLength(1);
    expect(issues({ transmit_time: '22-13-01 22:25:31' })).toEqual(['transmit_time: expected "YY-MM-DD HH:MM:SS" (UTC)']);
    expect(issues({ transmit_time: '2022-02-01T22:25:31Z' })).toEqual(['transmit_time: expected "YY-MM-DD HH:MM:SS" (UTC)']);
    expect(issues({ iridium_latitude: 91 })).toHaveLength(1);
    expect(issues({ JWT: 'not a jwt' })).toEqual(['JWT: expected a JWT (header.payload.signature, base64url)']);
    expect(issues({ JWT: undefined })).toHaveLength(1);
  });
});

describe('verifying the JWT of a push', () => {
  it('takes a push Rock7 signed, and returns the signed claims as numbers and lower-case hex', () => {
    const claims = verifyRockblockPush(push(), publicKey, verifyOptions);
    expect(claims).toMatchObject({ iss: 'Rock 7', iat: iatNow, imei: IMEI, momsn: 932, data: 'ab01ff', serial: 16949 });
    expect(transmitTimeMs(claims.transmit_time)).toBe(Math.floor((NOW - 2000) / 1000) * 1000);
  });

  it('refuses a signature made with another key', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = push({}, { JWT: rockblockPushBody(mo, other, { iat: iatNow }).JWT });
    expect(problemOf(forged)).toBe("bad-signature: the JWT's signature does not verify against iridium.rockblock.publicKeyFile");
  });

  it('refuses alg none and HS256 keyed with the public key, before any signature is checked', () => {
    expect(problemOf(push({ alg: 'none' }))).toBe('wrong-alg: the JWT is signed with none; only RS256 is taken');
    expect(problemOf(push({ alg: 'HS256', hmacSecret: keys.publicKeyPem }))).toBe(
      'wrong-alg: the JWT is signed with HS256; only RS256 is taken',
    );
    const unsigned = push().JWT.split('.').slice(0, 2).join('.') + '.';
    expect(() => RockblockPush.parse({ ...push(), JWT: unsigned })).toThrow(/expected a JWT/);
  });

  it('refuses another issuer, naming it', () => {
    expect(problemOf(push({ iss: 'Rock 8' }))).toBe('wrong-issuer: the JWT\'s issuer is "Rock 8", not "Rock 7"');
  });

  it('refuses an expired JWT, one older than maxAgeSeconds, and one from the future', () => {
    const nowSeconds = Math.floor(NOW / 1000);
    expect(problemOf(push({ exp: nowSeconds - 301 }))).toMatch(/^expired: the JWT expired at /);
    expect(problemOf(push({ exp: nowSeconds - 200 }))).toBe('verified');
    expect(problemOf(push({ iat: nowSeconds - 3601 }))).toBe(
      `too-old: the JWT was issued at ${new Date((nowSeconds - 3601) * 1000).toISOString()}, more than iridium.rockblock.maxAgeSeconds (3600) ago`,
    );
    expect(problemOf(push({ iat: nowSeconds - 3599 }))).toBe('verified');
    expect(problemOf(push({ iat: nowSeconds + 301 }))).toMatch(/^not-yet-valid: the JWT was issued at .*in the future/);
  });

  it('without iat, judges the age by the transmit time', () => {
    const old = RockblockPush.parse(rockblockPushBody({ ...mo, transmittedAt: NOW - 7200_000 }, keys.privateKey, { iat: null }));
    expect(problemOf(old)).toMatch(/^too-old: the message was transmitted at /);
    const fresh = RockblockPush.parse(rockblockPushBody(mo, keys.privateKey, { iat: null }));
    expect(problemOf(fresh)).toBe('verified');
  });

  it('refuses a body whose fields disagree with the signed claims', () => {
    expect(problemOf(push({}, { data: 'ab01fe' }))).toBe("body-mismatch: the body's data (ab01fe) is not what the JWT says (ab01ff)");
    expect(problemOf(push({}, { imei: '300234068036651' }))).toMatch(/^body-mismatch: the body's imei/);
    expect(problemOf(push({}, { momsn: 933 }))).toMatch(/^body-mismatch: the body's momsn \(933\)/);
    // The same value written differently (hex case, a number as Rock7's string) is the same value.
    expect(problemOf(push({}, { data: 'AB01FF', momsn: '932' }))).toBe('verified');
  });

  it('refuses a tampered JWT payload (the signature no longer covers it) and claims that are no MO message', () => {
    const [header, , signature] = push().JWT.split('.');
    const tampered = Buffer.from(JSON.stringify({ iss: 'Rock 7', iat: iatNow, imei: IMEI, momsn: '932', data: '00' })).toString(
      'base64url',
    );
    expect(problemOf(push({}, { JWT: `${header}.${tampered}.${signature}` }))).toMatch(/^bad-signature/);
    expect(problemOf(push({ claims: { imei: '1234' } }))).toBe("malformed-claims: the JWT's claims: imei: an IMEI is 15 digits");
    const notJson = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}.AA`;
    expect(problemOf(push({}, { JWT: notJson }))).toMatch(/^bad-signature/);
    expect(problemOf(push({}, { JWT: signJwt([1] as unknown as Record<string, unknown>, keys.privateKey) }))).toBe(
      'malformed-claims: the JWT payload is not a JSON object',
    );
    expect(problemOf(push({}, { JWT: 'bm90IGpzb24.e30.AA' }))).toBe('malformed-jwt: the JWT header is not base64url JSON');
  });
});

describe("loading Rock7's public key", () => {
  const dir = mkdtempSync(join(tmpdir(), 'rockblock-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads an RSA public key, and refuses a missing file, a non-key and a non-RSA key, naming the file', () => {
    const good = join(dir, 'rock7.pem');
    writeFileSync(good, keys.publicKeyPem);
    expect(loadRockblockKey(good).asymmetricKeyType).toBe('rsa');

    const missing = join(dir, 'missing.pem');
    expect(() => loadRockblockKey(missing)).toThrow(OperatorError);
    expect(() => loadRockblockKey(missing)).toThrow(`Cannot read Rock7's public key ${missing} (ENOENT)`);
    const garbage = join(dir, 'garbage.pem');
    writeFileSync(garbage, 'not a key');
    expect(() => loadRockblockKey(garbage)).toThrow(`${garbage} is not a PEM public key`);
    const ec = join(dir, 'ec.pem');
    writeFileSync(ec, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }));
    expect(() => loadRockblockKey(ec)).toThrow(`${ec} holds a ec key; Rock7 signs its pushes with RSA (RS256).`);
  });
});
