import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialInputError, addCredential } from '../../../center/credentials/credentialService';
import { hashToken, idForName, issueToken, tokenMatches } from '../../../center/credentials/tokens';
import { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { VehicleId, parseToken } from '../../../protocol/sync/credentials';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();
const stores: SqliteCenterStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

describe('tokens', () => {
  it('issues mcv-v/mcv-s tokens with a 43-character secret that parse back to role and id', () => {
    const vehicle = issueToken('vehicle', 'mcv-07');
    expect(vehicle).toMatch(/^mcv-v\.mcv-07\.[A-Za-z0-9_-]{43}$/);
    expect(parseToken(vehicle)).toEqual({ role: 'vehicle', id: 'mcv-07' });
    expect(parseToken(issueToken('staff', 'wang'))).toEqual({ role: 'staff', id: 'wang' });
    expect(issueToken('vehicle', 'x')).not.toBe(issueToken('vehicle', 'x'));
  });

  it('stores the SHA-256 of the whole token and matches only that token', () => {
    const token = issueToken('vehicle', 'mcv-07');
    const stored = hashToken(token);
    expect(stored.toString('hex')).toBe(createHash('sha256').update(token).digest('hex'));
    expect(tokenMatches(token, stored)).toBe(true);
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(tokenMatches(wrong, stored)).toBe(false);
    // No stored hash (unknown id) or one of another length: false, after the same hashing and comparing.
    expect(tokenMatches(token, undefined)).toBe(false);
    expect(tokenMatches(token, stored.subarray(0, 16))).toBe(false);
    // An all-zero stored hash is the dummy: it must never match.
    expect(tokenMatches(token, new Uint8Array(32))).toBe(false);
  });

  it('derives ids from names: a slug, or v-/s-<6 hex> without ASCII letters', () => {
    expect(idForName('MCV-07 Chengdu', 'v')).toBe('mcv-07-chengdu');
    expect(idForName('  Ämbulance #3 ', 'v')).toBe('ambulance-3');
    expect(idForName('应急指挥车一号', 'v')).toMatch(/^v-[0-9a-f]{6}$/);
    expect(idForName('07', 's')).toMatch(/^s-[0-9a-f]{6}$/);
    const long = idForName('A very long vehicle name that goes on and on and on', 'v');
    expect(long.length).toBeLessThanOrEqual(32);
    expect(long).not.toMatch(/-$/);
    for (const name of ['MCV-07', '应急一号', '---x---', 'Z', 'a'.repeat(80)])
      expect(VehicleId.safeParse(idForName(name, 'v')).success).toBe(true);
  });
});

describe('addCredential', () => {
  it('stores only the hash of the token it returns, and checks the name and --id', async () => {
    const store = SqliteCenterStore.open({ file: join(tempDir(), 'center.db') });
    stores.push(store);
    const issued = await addCredential(store, 'vehicle', ' 应急一号 ');
    expect(issued.name).toBe('应急一号');
    const stored = await store.getCredential('vehicle', issued.id);
    expect(Buffer.from(stored!.tokenSha256).equals(hashToken(issued.token))).toBe(true);
    await expect(addCredential(store, 'vehicle', 'x', 'Bad_Id')).rejects.toBeInstanceOf(CredentialInputError);
    await expect(addCredential(store, 'vehicle', '   ')).rejects.toThrow('the name is empty');
    await expect(addCredential(store, 'vehicle', 'n'.repeat(65))).rejects.toThrow('longer than 64');
    expect((await addCredential(store, 'staff', 'n'.repeat(100))).name).toHaveLength(100);
  });
});
