import { a, defineData } from '@aws-amplify/backend';
const P = 'You are ' + 'kind';
const schema = a.schema({ chat: a.conversation({ aiModel: a.ai.model('Claude 3 Haiku'), systemPrompt: `${P} and brief` }).authorization((allow) => allow.owner()) });
export const data = defineData({ schema });
