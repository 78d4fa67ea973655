import { describe, expect, it } from '@jest/globals';
import { sentMessagesIn } from '../src/sent-messages';

describe('the record of sent messages', () => {
  it('reads SMS and the three kinds of SES email from moto state', () => {
    const entries = sentMessagesIn({
      sns: { SMS: [{ message_id: 's1', phone_number: '+6281234567890', message: 'Your pick-up is at 09:00' }] },
      ses: {
        Message: [{ id: 'e1', source: 'from@x', subject: 'Welcome', body: 'Hello', destinations: { ToAddresses: ['a@x'], CcAddresses: ['b@x'] } }],
        RawMessage: [{ id: 'e2', source: 'from@x', destinations: ['r@x', 'r@x'], raw_data: 'From: from@x\r\nSubject: Raw one\r\n\r\nraw body' }],
        TemplateMessage: [{ id: 'e3', source: 'from@x', template: 'welcome', template_data: '{"name":"Ani"}', destinations: { ToAddresses: ['t@x'] } }],
      },
    });
    expect(entries).toEqual([
      { key: 'sms:s1', entry: { channel: 'sms', to: '+6281234567890', body: 'Your pick-up is at 09:00' } },
      { key: 'email:e1', entry: { channel: 'email', to: 'a@x, b@x', subject: 'Welcome', body: 'Hello' } },
      { key: 'email:e2', entry: { channel: 'email', to: 'r@x', subject: 'Raw one', body: 'raw body' } },
      { key: 'email:e3', entry: { channel: 'email', to: 't@x', subject: 'template welcome', body: '{"name":"Ani"}' } },
    ]);
  });

  it('copes with a moto that has seen nothing', () => {
    expect(sentMessagesIn({})).toEqual([]);
  });
});
