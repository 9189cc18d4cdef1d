// Owns fault injection: what can go wrong on a request (latency, a 5xx, a dropped connection, a malformed
// JSON body, a slowly dribbled body), set per run via setFaults() or per request via the
// `x-emulator-fault` header / `emulator_fault` query parameter, e.g. "latency=800,status=503" or "drop".
export interface Faults {
  /** delay before the response starts */
  latencyMs?: number;
  /** answer with this 5xx status and Entra's transient error body instead of handling the request */
  status?: number;
  /** destroy the socket without answering */
  drop?: boolean;
  /** answer 200 with a truncated JSON body */
  malformedJson?: boolean;
  /** spread the body over this many milliseconds */
  slowBodyMs?: number;
  /** only requests whose path starts with one of these are affected (per-run faults); default all */
  paths?: string[];
  /** per-run faults apply to this many matching requests, then clear; default unlimited */
  times?: number;
}

export function parseFaultSpec(spec: string | null | undefined): Faults | undefined {
  if (!spec) return undefined;
  const f: Faults = {};
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [k = '', v] = part.split('=');
    const n = Number(v);
    switch (k.toLowerCase()) {
      case 'latency':
        f.latencyMs = Number.isFinite(n) ? n : 1000;
        break;
      case 'status':
        f.status = Number.isFinite(n) ? n : 503;
        break;
      case '5xx':
        f.status = 503;
        break;
      case 'drop':
        f.drop = true;
        break;
      case 'malformed':
        f.malformedJson = true;
        break;
      case 'slow':
        f.slowBodyMs = Number.isFinite(n) ? n : 2000;
        break;
      default:
        break;
    }
  }
  return f;
}

export class FaultPlan {
  private run: Faults | undefined;

  set(f: Faults): void {
    this.run = { ...f };
  }

  clear(): void {
    this.run = undefined;
  }

  /** The faults for one request: the per-request spec wins over the per-run plan. */
  take(path: string, perRequest: Faults | undefined): Faults | undefined {
    if (perRequest) return perRequest;
    const r = this.run;
    if (!r) return undefined;
    if (r.paths && !r.paths.some((p) => path.startsWith(p))) return undefined;
    if (r.times !== undefined) {
      if (r.times <= 0) return undefined;
      r.times -= 1;
    }
    return r;
  }
}
