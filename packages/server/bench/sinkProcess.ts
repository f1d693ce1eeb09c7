import { startSmtpSink } from '../src/mail/smtpSink.js';

/**
 * The benchmark's SMTP sink, in a process of its own so that receiving mail does not share the
 * worker's or the benchmark's event loop. Keeps no message bodies; counts every message and those
 * addressed to the unconsented half (addresses starting `u-`), and answers `count` over IPC.
 */
let total = 0;
let unconsented = 0;
const sink = await startSmtpSink({
  keep: 1,
  onMessage: (message) => {
    total++;
    if (message.envelopeTo.some((address) => address.startsWith('u-'))) unconsented++;
  },
});
process.on('message', (request: unknown) => {
  if (request === 'count') process.send?.({ total, unconsented });
});
process.on('disconnect', () => {
  void sink.close().finally(() => process.exit(0));
});
process.send?.({ url: sink.url });
