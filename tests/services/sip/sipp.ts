/**
 * sipp as the far end of a call, over UDP through the test PBX. Scenarios are built here from
 * shared pieces (every call starts with the same INVITE and digest-auth round), written to
 * a temporary folder and run with `sipp -sf`. The PBX record-routes, so in-dialog requests
 * follow the Route set (`rrs="true"` on the 200, `[routes]` and `[next_url]` after).
 *
 * The offer is WebRTC-shaped (ICE, DTLS fingerprint, opus and PCMU), as a PBX sends to a
 * browser softphone: the renderer's media engine in Chromium accepts it, and the Node tests'
 * fixed-SDP handler does not care.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { sipServicesDir, type Kamailio } from './kamailio';

const FREE_PORTS = join(sipServicesDir(), 'free-ports.mjs');

export const WEBRTC_OFFER = [
  'v=0',
  'o=sipp 53655765 2353687637 IN IP4 [local_ip]',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'm=audio MEDIA_PORT UDP/TLS/RTP/SAVPF 111 0 101',
  'c=IN IP4 [media_ip]',
  'a=candidate:1 1 udp 2122260223 [media_ip] MEDIA_PORT typ host',
  'a=ice-ufrag:sipp',
  'a=ice-pwd:sippsippsippsippsippsipp',
  'a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF',
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
].join('\n');

const from = '[display] <sip:[caller]@[local_ip]:[local_port]>;tag=[pid]T[call_number]';

function invite(cseq: number, withAuth: boolean): string {
  return `
  <send retrans="500">
    <![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: ${from}
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: ${cseq} INVITE
      ${withAuth ? '[authentication]' : ''}
      Contact: <sip:[caller]@[local_ip]:[local_port]>
      [extra]
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

${WEBRTC_OFFER.split('\n').map((l) => `      ${l}`).join('\n')}
    ]]>
  </send>`;
}

/** An ACK for a final error response: same transaction, so no Route set. */
function ackError(cseq: number): string {
  return `
  <send>
    <![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: ${from}
      [last_To:]
      Call-ID: [call_id]
      CSeq: ${cseq} ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>`;
}

/** INVITE, the 407 challenge and its ACK, the INVITE again with credentials. */
const DIAL = `${invite(1, false)}
  <recv response="100" optional="true"/>
  <recv response="407" auth="true"/>${ackError(1)}${invite(2, true)}
  <recv response="100" optional="true"/>`;

function inDialog(method: 'ACK' | 'BYE', cseq: number): string {
  return `
  <send${method === 'BYE' ? ' retrans="500"' : ''}>
    <![CDATA[
      ${method} [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      [routes]
      From: ${from}
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: ${cseq} ${method}
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>`;
}

const ANSWERED = `
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rrs="true" timeout="ANSWER_WITHIN"/>${inDialog('ACK', 2)}`;

/** The scenarios the tests use, by what the caller does. */
export const SCENARIOS = {
  /** The desk answers; the caller hangs up after -d ms (`holdMs`). */
  'answered-caller-hangs-up': `${DIAL}${ANSWERED}
  <pause/>${inDialog('BYE', 3)}
  <recv response="200"/>`,
  /** The desk answers and later hangs up itself; the caller answers its BYE. */
  'answered-desk-hangs-up': `${DIAL}${ANSWERED}
  <recv request="BYE" timeout="ANSWER_WITHIN"/>
  <send>
    <![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]>
  </send>`,
  /** Nobody answers: the caller gives up after -d ms (a missed call). */
  'caller-gives-up': `${DIAL}
  <recv response="180"/>
  <pause/>
  <send>
    <![CDATA[
      CANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      [last_Via:]
      From: ${from}
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 2 CANCEL
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="200"/>
  <recv response="487"/>${ackError(2)}`,
  /** The desk declines (or is busy): any final 4xx/6xx, acknowledged. */
  refused: `${DIAL}
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="486" optional="true" next="ack"/>
  <recv response="603" optional="true" next="ack"/>
  <recv response="480" next="ack"/>
  <label id="ack"/>${ackError(2)}`,
} as const;

export type ScenarioName = keyof typeof SCENARIOS;

/**
 * sipp takes no keywords in attributes (the answer timeout) and [media_port] only on an m=
 * line (the ICE candidate needs it too), so those two are written into the file.
 */
function scenarioXml(name: ScenarioName, answerWithinMs: number, mediaPort: number): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="daftar ${name}">${SCENARIOS[name].replaceAll('ANSWER_WITHIN', String(answerWithinMs)).replaceAll('MEDIA_PORT', String(mediaPort))}
</scenario>
`;
}

export interface SippCall {
  scenario: ScenarioName;
  /** The desk's extension (the request URI's user). */
  to: string;
  /** The caller's number, as the From user part. */
  caller?: string;
  /** The From display name as it goes on the wire: quoted string, or '' for none. */
  display?: string;
  /** One extra header line (e.g. a P-Asserted-Identity); a harmless one by default. */
  extra?: string;
  /** -d: how long the caller stays before hanging up or giving up. */
  holdMs?: number;
  /** How long to wait for an answer (or the desk's BYE). */
  answerWithinMs?: number;
  /** Calls in all, and at once. */
  calls?: number;
  concurrent?: number;
  /** Calls started per second. */
  rate?: number;
}

export interface SippResult {
  code: number | null;
  /** sipp's statistics: successful and failed calls. */
  successful: number;
  failed: number;
  output: string;
}

export interface RunningSipp {
  /** Resolves when sipp exits (all calls done). */
  done: Promise<SippResult>;
  /** Ends it early (SIGTERM to this sipp only). */
  kill(): void;
}

/** Quotes a display name for a From header; quotes and backslashes escaped. */
export function quoted(name: string): string {
  return `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function freePorts(n: number): number[] {
  return execFileSync(process.execPath, [FREE_PORTS, String(n)], { encoding: 'utf8' }).trim().split(' ').map(Number);
}

/** Starts sipp against the PBX; `await call.done` for its statistics. */
export function startSipp(pbx: Kamailio, call: SippCall): RunningSipp {
  const dir = mkdtempSync(join(tmpdir(), 'daftar-sipp-'));
  const file = join(dir, `${call.scenario}.xml`);
  const [sipPort, mediaPort] = freePorts(2) as [number, number];
  writeFileSync(file, scenarioXml(call.scenario, call.answerWithinMs ?? 20_000, mediaPort));
  const calls = call.calls ?? 1;
  const args = [
    '-sf', file,
    '-s', call.to,
    `127.0.0.1:${pbx.udpPort}`,
    '-i', '127.0.0.1',
    '-p', String(sipPort),
    '-mi', '127.0.0.1',
    '-mp', String(mediaPort),
    '-au', call.caller ?? '09121234567',
    '-ap', pbx.password,
    '-key', 'caller', call.caller ?? '09121234567',
    '-key', 'display', call.display ?? '',
    '-key', 'extra', call.extra ?? 'X-Daftar-Test: 1',
    '-d', String(call.holdMs ?? 300),
    '-m', String(calls),
    '-l', String(call.concurrent ?? 1),
    '-r', String(call.rate ?? 10),
    '-max_socket', '100',
    '-nostdin',
    '-trace_err',
    '-error_file', join(dir, 'errors.log'),
    '-timeout', `${Math.ceil(((call.answerWithinMs ?? 20_000) + (call.holdMs ?? 300)) / 1000) * calls + 30}s`,
  ];
  const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const done = new Promise<SippResult>((resolve) => {
    child.once('exit', (code) => {
      let errors = '';
      for (const f of readdirSync(dir)) if (f.endsWith('.log')) errors += readFileSync(join(dir, f), 'utf8');
      rmSync(dir, { recursive: true, force: true });
      const stat = (label: string) => {
        const m = new RegExp(`${label}\\s+\\|\\s+\\d+\\s+\\|\\s+(\\d+)`).exec(output);
        return m ? Number(m[1]) : 0;
      };
      resolve({ code, successful: stat('Successful call'), failed: stat('Failed call'), output: output + errors });
    });
  });
  return { done, kill: () => child.kill('SIGTERM') };
}

/** Runs sipp to the end. */
export function sipp(pbx: Kamailio, call: SippCall): Promise<SippResult> {
  return startSipp(pbx, call).done;
}
