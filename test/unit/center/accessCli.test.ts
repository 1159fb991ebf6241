import { describe, expect, it } from 'vitest';
import { UsageError, parseCli, parseGroups } from '../../../center/cli/args';
import { runCli } from '../../../center/cli/run';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();

/** Runs the CLI in this process and collects what it prints. */
async function cli(args: string[]): Promise<{ code: number | undefined; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('center CLI: roles and groups', () => {
  it('reads --role and --groups for add and set', () => {
    expect(parseCli(['staff', 'add', 'Wang', '--role', 'admin', '--groups', ' b,a,,a '])).toEqual({
      command: 'add',
      role: 'staff',
      name: 'Wang',
      access: { staffRole: 'admin', groups: ['a', 'b'] },
      common: {},
    });
    expect(parseCli(['vehicles', 'add', 'MCV-07', '--groups', '川北'])).toMatchObject({ access: { groups: ['川北'] } });
    expect(parseCli(['staff', 'set', 'wang', '--groups', ''])).toEqual({
      command: 'set',
      role: 'staff',
      id: 'wang',
      access: { groups: [] },
      common: {},
    });
    expect(parseCli(['vehicles', 'set', 'mcv-07', '--groups', 'a', '--data-dir', '/d'])).toEqual({
      command: 'set',
      role: 'vehicle',
      id: 'mcv-07',
      access: { groups: ['a'] },
      common: { dataDir: '/d' },
    });
  });

  it('names what is wrong with a role or a group', () => {
    expect(() => parseCli(['staff', 'add', 'W', '--role', 'boss'])).toThrow('--role must be desk or admin, got "boss"');
    expect(() => parseCli(['vehicles', 'add', 'V', '--role', 'admin'])).toThrow('vehicles have no role; --role is for staff');
    expect(() => parseCli(['staff', 'add', 'W', '--groups', 'North'])).toThrow('--groups: "North": use 1–32 lower-case letters');
    expect(() => parseGroups('a b')).toThrow(UsageError);
    expect(() => parseGroups('-a')).toThrow('"-a"');
    expect(() => parseGroups('x'.repeat(33))).toThrow(UsageError);
    expect(() => parseGroups(Array.from({ length: 51 }, (_, i) => `g${i}`).join(','))).toThrow('at most 50 groups');
    expect(() => parseCli(['staff', 'set', 'wang'])).toThrow('staff set needs --role and/or --groups');
    expect(() => parseCli(['vehicles', 'set', 'v'])).toThrow('vehicles set needs --groups');
    expect(() => parseCli(['staff', 'set'])).toThrow('staff set takes one id, got 0');
    expect(() => parseCli(['staff', 'add', 'W', '--groups'])).toThrow(UsageError);
  });

  it('adds desk staff by default, says what each may see, warns about groups nobody is in, and lists roles and groups', async () => {
    const dir = tempDir();
    const added = await cli(['staff', 'add', 'Wang', '--data-dir', dir]);
    expect(added.code).toBe(0);
    expect(added.out).toContain('role desk, in no group: sees no vehicle until given groups');
    expect(added.out.split('\n').at(-1)).toMatch(/^token=mcv-s\.wang\./);

    const vehicle = await cli(['vehicles', 'add', 'MCV-07', '--groups', 'a', '--data-dir', dir]);
    expect(vehicle.out).toContain('Added vehicle "MCV-07": groups a.');
    expect(vehicle.out).toContain('Note: no staff member is in group "a" yet');
    expect(vehicle.out.split('\n').at(-1)).toMatch(/^token=mcv-v\.mcv-07\./);

    const set = await cli(['staff', 'set', 'wang', '--groups', 'a,zz', '--data-dir', dir]);
    expect(set.code).toBe(0);
    expect(set.out).toContain('Staff member wang: role desk, groups a, zz: sees the vehicles of these groups.');
    expect(set.out).toContain('Note: no vehicle is in group "zz" yet (misspelt?).');
    expect(set.out).not.toContain('group "a"');

    expect((await cli(['staff', 'add', 'Li', '--role', 'admin', '--data-dir', dir])).out).toContain('role admin (sees every vehicle)');
    expect((await cli(['staff', 'list', '--data-dir', dir])).out.split('\n')).toEqual([
      'id\tname\trole\tgroups\tcreated\trevoked',
      expect.stringMatching(/^li\tLi\tadmin\t-\t\S+\t-$/),
      expect.stringMatching(/^wang\tWang\tdesk\ta,zz\t\S+\t-$/),
    ]);
    expect((await cli(['vehicles', 'list', '--data-dir', dir])).out.split('\n')).toEqual([
      'id\tname\tgroups\tcreated\trevoked',
      expect.stringMatching(/^mcv-07\tMCV-07\ta\t\S+\t-$/),
    ]);

    expect((await cli(['staff', 'set', 'wang', '--role', 'admin', '--data-dir', dir])).out).toContain('role admin');
    expect((await cli(['vehicles', 'set', 'mcv-07', '--groups', '', '--data-dir', dir])).out).toContain('Vehicle mcv-07: in no group.');
  });

  it('says so when there is no such credential to change, exit 1', async () => {
    const dir = tempDir();
    expect(await cli(['staff', 'set', 'nobody', '--role', 'admin', '--data-dir', dir])).toMatchObject({
      code: 1,
      err: 'No staff member with id "nobody".',
    });
    expect(await cli(['vehicles', 'set', 'nobody', '--groups', 'a', '--data-dir', dir])).toMatchObject({
      code: 1,
      err: 'No vehicle with id "nobody".',
    });
  });
});
