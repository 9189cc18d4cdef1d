// The flow bench's CPU accounting (tests/bench/process-cpu.ts): which kind a process's time counts under, and how a
// renderer that was already running differs from one a run started (and perhaps ended: kept at its last sample).
import { describe, expect, it } from 'vitest';
import { cpuByKind, cpuTotal, untilQuiet, type CpuSnapshot } from '../../bench/process-cpu';

const snap = (nodeMs: number, processes: [number, string, number][]): CpuSnapshot => ({
  nodeMs,
  processes: new Map(processes.map(([id, type, ms]) => [id, { type, ms }])),
});

describe('cpuByKind', () => {
  const before = snap(1_000, [
    [1, 'browser', 500],
    [2, 'GPU', 100],
    [3, 'renderer', 300], // the app's window
    [4, 'network.mojom.NetworkService', 40],
    [5, 'renderer', 70], // the previous run's sign-in page, ended: kept at its last sample
  ]);
  const after = snap(1_110, [
    [1, 'browser', 900],
    [2, 'GPU', 160],
    [3, 'renderer', 430],
    [4, 'network.mojom.NetworkService', 60],
    [5, 'renderer', 70],
    [6, 'renderer', 520], // this run's sign-in page
    [7, 'storage.mojom.StorageService', 10], // a service Chromium started within the run
  ]);

  it('splits a run by kind: a renderer seen before counts its difference, a new one all of its time', () => {
    expect(cpuByKind(before, after)).toEqual({
      'Node (harness, emulator, app services)': 110,
      'Chromium browser process': 400,
      'Chromium GPU process': 60,
      'renderers already running (the app’s window; a sign-in window made ahead)': 130,
      'renderers started in the run (sign-in windows opened in it)': 520,
      'other Chromium services': 30,
    });
  });

  it('adds the kinds up to the run’s whole CPU time', () => {
    expect(cpuTotal(cpuByKind(before, after))).toBe(110 + 400 + 60 + 130 + 520 + 30);
  });

  it('counts nothing for a run in which no process moved', () => {
    expect(cpuTotal(cpuByKind(before, before))).toBe(0);
  });
});

describe('untilQuiet', () => {
  /** A clock and a CPU counter that advance only when the wait sleeps: `spentPerWindow[i]` in the i-th window. */
  function fake(spentPerWindow: readonly number[]) {
    let t = 0;
    let cpu = 1_000;
    let i = 0;
    return {
      cpuMs: async () => cpu,
      sleep: async (ms: number) => {
        t += ms;
        cpu += spentPerWindow[i++] ?? 0;
      },
      now: () => t,
    };
  }

  it('waits while the processes keep working, and returns at the first window at or under the bound', async () => {
    const f = fake([180, 120, 40, 10, 300]);
    expect(await untilQuiet(f.cpuMs, { ...f, windowMs: 250, maxCpuMs: 10 })).toEqual({ quiet: true, waitedMs: 1_000 });
  });

  it('returns after one window when nothing runs', async () => {
    const f = fake([0]);
    expect(await untilQuiet(f.cpuMs, { ...f, windowMs: 250 })).toEqual({ quiet: true, waitedMs: 250 });
  });

  it('gives up at its time limit and says it did not get quiet', async () => {
    const f = fake(Array.from({ length: 100 }, () => 50));
    expect(await untilQuiet(f.cpuMs, { ...f, windowMs: 250, timeoutMs: 1_000 })).toEqual({
      quiet: false,
      waitedMs: 1_000,
    });
  });
});
