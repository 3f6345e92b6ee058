"""The types data-schema adds once a schema has an ``a.conversation`` route.

Copied from ``@aws-amplify/data-schema`` 1.26 ``ai/ConversationSchemaGraphQLTypes.ts`` (directives
left out: they do not change the output). They are written in a compact SDL subset and read by
the small reader below, so the table stays comparable with the original text.
"""

from __future__ import annotations

import re

from translator.core.diagnostics import Span
from translator.core.document import EnumValueDef, FieldDef, TypeDef, TypeKind, TypeRef

_TYPES = """
enum AmplifyAIConversationParticipantRole { user assistant }
interface AmplifyAIConversationMessage { id: ID! conversationId: ID! associatedUserMessageId: ID
  role: AmplifyAIConversationParticipantRole content: [AmplifyAIContentBlock] aiContext: AWSJSON
  toolConfiguration: AmplifyAIToolConfiguration createdAt: AWSDateTime updatedAt: AWSDateTime
  owner: String }
input AmplifyAIDocumentBlockSourceInput { bytes: String }
input AmplifyAIDocumentBlockInput { format: String! name: String!
  source: AmplifyAIDocumentBlockSourceInput! }
input AmplifyAIImageBlockSourceInput { bytes: String }
input AmplifyAIImageBlockInput { format: String! source: AmplifyAIImageBlockSourceInput! }
input AmplifyAIToolUseBlockInput { toolUseId: String! name: String! input: AWSJSON! type: String }
input AmplifyAIToolResultContentBlockInput { document: AmplifyAIDocumentBlockInput
  image: AmplifyAIImageBlockInput json: AWSJSON text: String }
input AmplifyAIToolResultBlockInput { content: [AmplifyAIToolResultContentBlockInput!]!
  toolUseId: String! status: String }
type AmplifyAIDocumentBlockSource { bytes: String }
type AmplifyAIDocumentBlock { format: String! name: String! source: AmplifyAIDocumentBlockSource! }
type AmplifyAIImageBlock { format: String! source: AmplifyAIImageBlockSource! }
type AmplifyAIImageBlockSource { bytes: String }
type AmplifyAIToolUseBlock { toolUseId: String! name: String! input: AWSJSON! type: String }
type AmplifyAIToolResultContentBlock { document: AmplifyAIDocumentBlock image: AmplifyAIImageBlock
  json: AWSJSON text: String }
type AmplifyAIToolResultBlock { content: [AmplifyAIToolResultContentBlock!]! toolUseId: String!
  status: String }
type AmplifyAIContentBlockText { text: String }
type AmplifyAIContentBlockImage { image: AmplifyAIImageBlock }
type AmplifyAIContentBlockDocument { document: AmplifyAIDocumentBlock }
type AmplifyAIContentBlockToolUse { toolUse: AmplifyAIToolUseBlock }
type AmplifyAIContentBlockToolResult { toolResult: AmplifyAIToolResultBlock }
input AmplifyAIContentBlockInput { text: String document: AmplifyAIDocumentBlockInput
  image: AmplifyAIImageBlockInput toolResult: AmplifyAIToolResultBlockInput
  toolUse: AmplifyAIToolUseBlockInput }
type AmplifyAIContentBlock { text: String document: AmplifyAIDocumentBlock
  image: AmplifyAIImageBlock toolResult: AmplifyAIToolResultBlock toolUse: AmplifyAIToolUseBlock }
input AmplifyAIToolConfigurationInput { tools: [AmplifyAIToolInput] }
input AmplifyAIToolInput { toolSpec: AmplifyAIToolSpecificationInput }
input AmplifyAIToolSpecificationInput { name: String! description: String
  inputSchema: AmplifyAIToolInputSchemaInput! }
input AmplifyAIToolInputSchemaInput { json: AWSJSON }
type AmplifyAIToolConfiguration { tools: [AmplifyAITool] }
type AmplifyAITool { toolSpec: AmplifyAIToolSpecification }
type AmplifyAIToolSpecification { name: String! description: String
  inputSchema: AmplifyAIToolInputSchema! }
type AmplifyAIToolInputSchema { json: AWSJSON }
type AmplifyAIConversationMessageStreamPart { id: ID! owner: String conversationId: ID!
  associatedUserMessageId: ID! contentBlockIndex: Int contentBlockText: String
  contentBlockDeltaIndex: Int contentBlockToolUse: AmplifyAIToolUseBlock
  contentBlockDoneAtIndex: Int stopReason: String errors: [AmplifyAIConversationTurnError]
  p: String }
type AmplifyAIConversationTurnError { message: String! errorType: String! }
"""

_DEFINITION = re.compile(r"(enum|interface|input|type)\s+(\w+)\s*\{([^}]*)\}")
_FIELD = re.compile(r"(\w+)\s*:\s*(\[?)(\w+)(!?)(\]?)(!?)")
_KINDS: dict[str, TypeKind] = {"enum": "enum", "interface": "interface", "input": "input", "type": "object"}


def conversation_types(span: Span) -> list[TypeDef]:
    """The conversation types, every position set to ``span`` (the route that brings them)."""
    result: list[TypeDef] = []
    for keyword, name, body in _DEFINITION.findall(_TYPES):
        kind = _KINDS[keyword]
        if kind == "enum":
            values = tuple(EnumValueDef(v, span) for v in body.split())
            result.append(TypeDef(kind, name, span, values=values))
            continue
        fields = []
        for field_name, opening, type_name, inner, _closing, outer in _FIELD.findall(body):
            if opening:
                ref = TypeRef(type_name, True, bool(inner), bool(outer), 1)
            else:
                ref = TypeRef(type_name, False, bool(inner))
            fields.append(FieldDef(field_name, ref, (), span, span))
        result.append(TypeDef(kind, name, span, fields=tuple(fields)))
    return result
