// Parse Mermaid erDiagram texts with Mermaid's own parser and print what it understood, as JSON.
//
// usage: node parse_erdiagram.mjs FOLDER < cases.json
//   FOLDER holds node_modules/mermaid (see README.md); cases.json is [[name, text], ...].
// Prints [{name, ok, version, entities, relationships} | {name, ok: false, error}, ...].
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const packageDir = join(process.argv[2], 'node_modules', 'mermaid');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const entry = manifest.exports?.['.']?.import ?? manifest.module;
const { default: mermaid } = await import(pathToFileURL(join(packageDir, entry)).href);

const cases = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const [name, text] of cases) {
  try {
    await mermaid.parse(text);  // throws on anything the grammar rejects
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const raw = diagram.db.getEntities();  // a Map from Mermaid 11 on, a plain object before
    const entities = raw instanceof Map ? [...raw.entries()] : Object.entries(raw);
    const nameOf = new Map(entities.map(([entityName, entity]) => [entity.id, entityName]));
    results.push({
      name,
      ok: true,
      version: manifest.version,
      entities: entities.map(([entityName, entity]) => ({
        name: entityName,
        alias: entity.alias ?? '',
        // Mermaid 10 spells the members attributeType, attributeName, ...
        attributes: entity.attributes.map((a) => ({
          type: a.type ?? a.attributeType,
          name: a.name ?? a.attributeName,
          keys: a.keys ?? a.attributeKeyTypeList ?? [],
          comment: a.comment ?? a.attributeComment ?? '',
        })),
      })),
      relationships: diagram.db.getRelationships().map((r) => ({
        a: nameOf.get(r.entityA) ?? r.entityA,
        b: nameOf.get(r.entityB) ?? r.entityB,
        role: r.roleA,
        cardA: r.relSpec.cardA,
        cardB: r.relSpec.cardB,
        relType: r.relSpec.relType,
      })),
    });
  } catch (error) {
    results.push({ name, ok: false, error: String(error?.message ?? error).split('\n').slice(0, 4).join(' | ') });
  }
}
process.stdout.write(JSON.stringify(results));
