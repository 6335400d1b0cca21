'use strict';
// The browser side of the suite. Two jobs, both with the browser's own WebSocket API:
//  - conformance.run(spec): one browser case against a target; returns what the page observed.
//  - conformance.runClientCase(caseUrl, reportUrl, timeoutMs): behaves as a client under test on one client case
//    of `serve` (echo every message, report what the API saw); conformance.runAll() does every case of the server.
// The page only observes and reports; every verdict is decided by the suite from what it returns.
(() => {
  const MAX_EVENTS = 100;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  const encoder = new TextEncoder();

  // Deterministic payloads: the same case sends the same bytes on every run and in every browser.
  function makeText(size, compressible) {
    const alphabet = compressible ? 'conformance ' : 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const chars = new Array(size);
    for (let i = 0; i < size; i++) {
      chars[i] = alphabet[compressible ? i % alphabet.length : (i * 31 + 7) % alphabet.length];
    }
    return chars.join('');
  }

  function makeBytes(size, compressible) {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      bytes[i] = compressible ? (i % 16) : (i * 131 + 17) & 255;
    }
    return bytes;
  }

  function kindOf(data) {
    if (typeof data === 'string') return 'text';
    if (data instanceof ArrayBuffer) return 'arraybuffer';
    if (typeof Blob !== 'undefined' && data instanceof Blob) return 'blob';
    return typeof data;
  }

  function describe(data) {
    const kind = kindOf(data);
    if (kind === 'text') return `text, ${encoder.encode(data).length} bytes`;
    if (kind === 'arraybuffer') return `arraybuffer, ${data.byteLength} bytes`;
    if (kind === 'blob') return `blob, ${data.size} bytes`;
    return kind;
  }

  async function bytesOf(data) {
    const kind = kindOf(data);
    if (kind === 'text') return encoder.encode(data);
    if (kind === 'arraybuffer') return new Uint8Array(data);
    if (kind === 'blob') return new Uint8Array(await data.arrayBuffer());
    return new Uint8Array(0);
  }

  // What came back against what was sent: kind, byte length, equality and the first differing byte.
  async function compare(sent, received) {
    const expected = await bytesOf(sent);
    const actual = await bytesOf(received);
    let firstDifference = -1;
    const common = Math.min(expected.length, actual.length);
    for (let i = 0; i < common; i++) {
      if (expected[i] !== actual[i]) { firstDifference = i; break; }
    }
    if (firstDifference < 0 && expected.length !== actual.length) firstDifference = common;
    return {
      sentKind: kindOf(sent), receivedKind: kindOf(received), sentBytes: expected.length, receivedBytes: actual.length,
      equal: firstDifference < 0 && kindOf(sent) === kindOf(received), firstDifference,
    };
  }

  function payloadFor(spec, size, compressible) {
    if (spec.payload === 'text') return spec.text !== null && spec.text !== undefined ? spec.text : makeText(size, compressible);
    const bytes = makeBytes(size, compressible);
    return spec.payload === 'blob' ? new Blob([bytes]) : bytes.buffer;
  }

  async function run(spec) {
    const started = performance.now();
    const deadline = started + spec.timeoutMs;
    const observed = {
      constructorError: null, opened: false, timedOut: false, readyStates: [], protocol: null,
      extensions: null, errors: 0, close: null, echoes: [], skipped: null, buffered: null, events: [],
    };
    const log = (kind, detail) => {
      if (observed.events.length < MAX_EVENTS) {
        observed.events.push({ ms: Math.round(performance.now() - started), kind, detail: String(detail).slice(0, 300) });
      }
    };
    const remaining = () => deadline - performance.now();
    const within = (promise) => Promise.race([promise, sleep(remaining()).then(() => 'timeout')]);

    let ws;
    try {
      ws = spec.protocols === null ? new WebSocket(spec.url) : new WebSocket(spec.url, spec.protocols);
    } catch (e) {
      observed.constructorError = String(e);
      log('exception', e);
      return observed;
    }
    observed.readyStates.push(ws.readyState);
    ws.binaryType = spec.payload === 'blob' ? 'blob' : 'arraybuffer';

    const inbox = [];
    let wake = null;
    ws.addEventListener('message', (e) => {
      inbox.push(e.data);
      log('message', describe(e.data));
      if (wake) { const w = wake; wake = null; w(); }
    });
    ws.addEventListener('error', () => { observed.errors++; log('error', 'error event'); });
    const closed = new Promise((resolve) => ws.addEventListener('close', (e) => {
      observed.close = { code: e.code, reason: e.reason, wasClean: e.wasClean };
      observed.readyStates.push(ws.readyState);
      log('close', `code ${e.code}, reason ${JSON.stringify(e.reason)}, wasClean ${e.wasClean}`);
      if (wake) { const w = wake; wake = null; w(); }
      resolve('closed');
    }));
    const nextMessage = async () => {
      while (inbox.length === 0) {
        if (observed.close) return undefined;
        const woke = await within(new Promise((resolve) => { wake = () => resolve('woke'); }));
        if (woke === 'timeout') return undefined;
      }
      return inbox.shift();
    };
    const finish = async (code, reason) => {
      if (!observed.close) {
        if (ws.readyState === WebSocket.OPEN) {
          log('close()', `${code}${reason ? ' ' + JSON.stringify(reason) : ''}`);
          ws.close(code, reason);
        }
        if (await within(closed) === 'timeout') {
          observed.timedOut = true;
          log('timeout', 'no close event in time');
        }
      }
      return observed;
    };
    const echo = async (message) => {
      log('send', describe(message));
      ws.send(message);
      const back = await nextMessage();
      const result = back === undefined ? { missing: true } : await compare(message, back);
      observed.echoes.push(result);
      return result;
    };

    const opening = await within(Promise.race([new Promise((resolve) => ws.addEventListener('open', () => resolve('open'))), closed]));
    if (opening !== 'open') {
      if (opening === 'timeout') { observed.timedOut = true; log('timeout', 'the socket did not open in time'); }
      return observed;
    }
    observed.opened = true;
    observed.readyStates.push(ws.readyState);
    observed.protocol = ws.protocol;
    observed.extensions = ws.extensions;
    log('open', `protocol ${JSON.stringify(ws.protocol)}, extensions ${JSON.stringify(ws.extensions)}`);

    switch (spec.scenario) {
      case 'echo':
        await echo(payloadFor(spec, spec.size, false));
        return finish(1000);
      case 'compressed-echo':
        if (!/(^|,)\s*permessage-deflate\b/.test(ws.extensions)) {
          observed.skipped = 'permessage-deflate was not negotiated';
          return finish(1000);
        }
        await echo(makeText(spec.size, true));
        await echo(makeBytes(spec.size, true).buffer);
        return finish(1000);
      case 'buffered': {
        const message = payloadFor(spec, spec.size, false);
        log('send', describe(message));
        ws.send(message);
        const buffered = { afterSend: ws.bufferedAmount, max: ws.bufferedAmount, drained: false, drainedMs: null };
        observed.buffered = buffered;
        const sentAt = performance.now();
        while (remaining() > 0 && !observed.close) {
          const amount = ws.bufferedAmount;
          buffered.max = Math.max(buffered.max, amount);
          if (amount === 0) { buffered.drained = true; buffered.drainedMs = Math.round(performance.now() - sentAt); break; }
          await sleep(5);
        }
        log('bufferedAmount', `${buffered.afterSend} after send(), ${buffered.drained ? `0 after ${buffered.drainedMs} ms` : 'never 0'}`);
        const back = await nextMessage();
        observed.echoes.push(back === undefined ? { missing: true } : await compare(message, back));
        return finish(1000);
      }
      case 'close':
        try {
          log('close()', `${spec.code}${spec.reason ? ' ' + JSON.stringify(spec.reason) : ''}`);
          ws.close(spec.code, spec.reason === null ? undefined : spec.reason);
        } catch (e) {
          log('exception', e);
        }
        return finish(1000);
      case 'target-closes': {
        const message = payloadFor(spec, spec.size, false);
        log('send', describe(message));
        ws.send(message);
        const back = await nextMessage();
        if (back !== undefined) observed.echoes.push(await compare(message, back));
        if (await within(closed) === 'timeout') {
          observed.timedOut = true;
          log('timeout', 'the target did not close in time');
        }
        return finish(1000);
      }
      default:
        return finish(1000);
    }
  }

  // A client under test: echo every message as it came, let the browser answer pings and Closes, report the API's view.
  async function clientCase(caseUrl, timeoutMs) {
    const report = { opened: false, error: false, closeCode: null, closeReason: null, wasClean: null, received: 0, detail: null };
    let ws;
    try {
      ws = new WebSocket(caseUrl);
    } catch (e) {
      report.error = true;
      report.detail = String(e).slice(0, 300);
      return report;
    }
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => { report.opened = true; };
    ws.onerror = () => { report.error = true; };
    ws.onmessage = (e) => {
      report.received++;
      if (ws.readyState === WebSocket.OPEN) ws.send(e.data);
    };
    const closed = new Promise((resolve) => {
      ws.onclose = (e) => {
        report.closeCode = e.code;
        report.closeReason = e.reason;
        report.wasClean = e.wasClean;
        resolve('closed');
      };
    });
    if (await Promise.race([closed, sleep(timeoutMs).then(() => 'timeout')]) === 'timeout') {
      report.detail = `no close event within ${timeoutMs} ms`;
      ws.close();
    }
    return report;
  }

  async function runClientCase(caseUrl, reportUrl, timeoutMs) {
    const report = await clientCase(caseUrl, timeoutMs);
    report.agent = navigator.userAgent.slice(0, 200);
    const answer = await fetch(reportUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) });
    report.posted = answer.status;
    return report;
  }

  // Every case of the serving suite, one after the other, for a browser opened by hand at harness.html?run=all.
  async function runAll(agent, status) {
    const cases = await (await fetch('cases')).json();
    let done = 0;
    for (const item of cases) {
      status(`${done} of ${cases.length}: ${item.id}`);
      const url = new URL(item.url);
      url.searchParams.set('agent', agent);
      const report = new URL(`report/${encodeURIComponent(item.id)}`, location.href);
      report.searchParams.set('agent', agent);
      await runClientCase(url.toString(), report.toString(), 10000);
      done++;
    }
    status(`${done} of ${cases.length} cases run; the results are at results?agent=${agent}`);
    return done;
  }

  window.conformance = { run, clientCase, runClientCase, runAll };
})();
