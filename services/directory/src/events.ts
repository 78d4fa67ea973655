// The directory's events, checked against its own contracts only (see eventBuilder).
import { DIRECTORY_EVENTS } from '@liaison/contracts/directory-events';
import { eventBuilder } from '@liaison/kit/events/envelope';

export const makeEvent = eventBuilder(DIRECTORY_EVENTS);
