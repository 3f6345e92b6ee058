// An AI conversation route and a generation route next to a model.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Recipe: a.model({ title: a.string() }),
    chat: a
      .conversation({
        aiModel: a.ai.model('Claude 3.5 Haiku'),
        systemPrompt: 'You are a helpful cook.',
      })
      .authorization((allow) => allow.owner()),
    suggest: a
      .generation({ aiModel: a.ai.model('Claude 3 Haiku'), systemPrompt: 'Suggest a recipe.' })
      .arguments({ ingredient: a.string() })
      .returns(a.customType({ name: a.string(), steps: a.string().array() }))
      .authorization((allow) => allow.authenticated()),
  })
  .authorization((allow) => [allow.owner()]);

export const data = defineData({ schema });
