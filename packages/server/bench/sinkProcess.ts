import { startSmtpSink } from '../src/mail/smtpSink.js';

/**
 * The benchmark's SMTP sink, in a process of its own so that receiving mail does not share the
 * worker's or the benchmark's event loop. Keeps no message bodies. Counts the campaign's messages
 * (to the bench clinic's contacts, `@bench.test`), their distinct Message-IDs and recipients, those
 * addressed to the unconsented half (`u-...`), and apart from them any other message (the
 * reconciler also delivers other clinics' due rows in the same database). Answers `count` over IPC.
 */
let total = 0;
let unconsented = 0;
let other = 0;
const messageIds = new Set<string>();
const recipients = new Set<string>();
const sink = await startSmtpSink({
  keep: 1,
  onMessage: (message) => {
    if (!message.envelopeTo.every((address) => address.endsWith('@bench.test'))) {
      other++;
      return;
    }
    total++;
    if (message.messageId) messageIds.add(message.messageId);
    for (const address of message.envelopeTo) recipients.add(address);
    if (message.envelopeTo.some((address) => address.startsWith('u-'))) unconsented++;
  },
});
process.on('message', (request: unknown) => {
  if (request === 'count') process.send?.({ total, unconsented, distinct: messageIds.size, recipients: recipients.size, other });
});
process.on('disconnect', () => {
  void sink.close().finally(() => process.exit(0));
});
process.send?.({ url: sink.url });
