// Feedback's events: tickets through their life, and ratings.
import { contract } from './contract';
import { RatingRecordedData, TicketAcknowledgedData, TicketAssignedData, TicketCommentedData, TicketCreatedData, TicketEscalatedData, TicketReopenedData, TicketResolvedData } from './feedback';

export const FEEDBACK_EVENTS = {
  'ticket.created': contract({ type: 'ticket.created', version: 1, owner: 'feedback', description: 'A ticket was filed and assigned', data: TicketCreatedData }),
  'ticket.assigned': contract({ type: 'ticket.assigned', version: 1, owner: 'feedback', description: 'A ticket was reassigned', data: TicketAssignedData }),
  'ticket.acknowledged': contract({ type: 'ticket.acknowledged', version: 1, owner: 'feedback', description: 'The assignee acknowledged a ticket', data: TicketAcknowledgedData }),
  'ticket.commented': contract({ type: 'ticket.commented', version: 1, owner: 'feedback', description: 'A ticket got a comment (internal ones are for staff only)', data: TicketCommentedData }),
  'ticket.resolved': contract({ type: 'ticket.resolved', version: 1, owner: 'feedback', description: 'A ticket was resolved', data: TicketResolvedData }),
  'ticket.reopened': contract({ type: 'ticket.reopened', version: 1, owner: 'feedback', description: 'A resolved or closed ticket was reopened', data: TicketReopenedData }),
  'ticket.escalated': contract({ type: 'ticket.escalated', version: 1, owner: 'feedback', description: 'A ticket passed a due time and went to the organisers', data: TicketEscalatedData }),
  'rating.recorded': contract({ type: 'rating.recorded', version: 1, owner: 'feedback', description: 'A rating was given or changed', data: RatingRecordedData }),
} as const;
