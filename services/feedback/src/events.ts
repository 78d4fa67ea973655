// Feedback's events, checked against its own contracts only (see eventBuilder).
import { FEEDBACK_EVENTS } from '@liaison/contracts/feedback-events';
import { eventBuilder } from '@liaison/kit/events/envelope';

export const makeEvent = eventBuilder(FEEDBACK_EVENTS);
