// The organisation features, split by job: admin.ts (/lembaga, its menu, retention), members.ts
// (the member list and card, suspension, removal), roles.ts (roles and supervisors),
// invitations.ts (links, /undang), membership.ts (joining, /keluar), audit.ts (/audit),
// flows.ts and flow-upload.ts (the organisation's own flows), form.ts and form-upload.ts (its own
// Word form), letterhead.ts (its letterhead and paper), common.ts (what they share).
// The rules of membership — what each change writes — are src/org/membership-rules.ts and
// src/org/invitations.ts.
import { Composer } from 'grammy';
import type { BotContext } from '../../context.ts';
import { auditCommand } from './audit.ts';
import { ownInvitations } from './invitations.ts';
import { leaving } from './membership.ts';

export { organisation, organisationButtons, orgNameAside, emergencyAside } from './admin.ts';
export { join, leavingButtons } from './membership.ts';
export { audit } from './common.ts';
export { orgFlows, orgFlowsButtons, ensureFlows } from './flows.ts';
export { orgForm, orgFormButtons } from './form.ts';
export { orgLetterheadButtons, letterheadAddressAside, letterheadLogoAside } from './letterhead.ts';

/** A member's own commands: /undang, /keluar (and its button), /audit. */
export const membership = new Composer<BotContext>();
membership.use(ownInvitations, leaving, auditCommand);
