# Reference cases for translator/core/pluralize.py.  tests/fixtures/pluralize_cases.json is the raw
# output of the real npm package pluralize 8.0.0 (the one Amplify's GraphQL transformer uses)
# and is never hand-edited.  Regenerate it from the repository root with the generator below
# (PLURALIZE_DIR=<dir> points it at another copy of the package):
#
#   sed -n 's/^# | //p' tests/test_pluralize.py | node - > tests/fixtures/pluralize_cases.json
#
# | // Reference cases for translator/core/pluralize.py, computed by the real npm package.
# | const fs = require('fs');
# | const path = require('path');
# | const dir = process.env.PLURALIZE_DIR || '/tmp/amplify-oracle/node_modules/pluralize';
# | const version = require(path.join(dir, 'package.json')).version;
# | if (version !== '8.0.0') throw new Error('expected pluralize 8.0.0, found ' + version);
# | const pluralize = require(dir);
# | const source = fs.readFileSync(path.join(dir, 'pluralize.js'), 'utf8');
# | const bases = new Set();
# | // 1. Every word in the rule tables: quoted strings, then sample words spelled out by the
# | // regex literals (alternations x optional parts; negated classes give one matching and
# | // one excluded character).
# | const tables = source.slice(source.indexOf('Irregular rules.'));
# | for (const m of tables.matchAll(/'([A-Za-z]+)'/g)) bases.add(m[1]);
# | function expand(re) {
# |   let i = 0;
# |   const cross = (xs, ys) => xs.flatMap((x) => ys.map((y) => x + y));
# |   function cls(body) {
# |     if (body[0] !== '^') return [...body];
# |     const re1 = new RegExp('[' + body + ']', 'i');
# |     const pool = [...'bt-é', ...'ailch'];
# |     return [pool.find((c) => re1.test(c)), pool.find((c) => !re1.test(c))];
# |   }
# |   function atom() {
# |     const c = re[i++];
# |     if (c === '(') {
# |       if (re.startsWith('?:', i)) i += 2;
# |       const r = alt();
# |       i++;
# |       return r;
# |     }
# |     if (c === '[') {
# |       const j = re.indexOf(']', i);
# |       const body = re.slice(i, j);
# |       i = j + 1;
# |       return cls(body);
# |     }
# |     if (c === '\\') return re[i++] === 'b' ? [''] : ['x'];
# |     return c === '^' || c === '$' ? [''] : [c];
# |   }
# |   function alt() {
# |     const out = [];
# |     let seq = [''];
# |     while (i < re.length && re[i] !== ')') {
# |       if (re[i] === '|') {
# |         out.push(...seq);
# |         seq = [''];
# |         i++;
# |         continue;
# |       }
# |       let a = atom();
# |       if (re[i] === '?') {
# |         i++;
# |         a = ['', ...a];
# |       }
# |       seq = cross(seq, a);
# |     }
# |     return out.concat(seq);
# |   }
# |   return alt();
# | }
# | const literal = /^\s*\[?\/((?:[^/\\\n]|\\.)+)\/i\b/gm;
# | for (const m of tables.matchAll(literal)) {
# |   for (const w of expand(m[1])) if (w) bases.add(w).add('co' + w);
# | }
# | // 2. Common English nouns.
# | const nouns = `
# | account act address advice age agency agent air airport album alert alias amount analysis
# | animal answer apple application appointment area argument arm army arrival art article
# | artist aspect asset assignment attachment attempt attendee attribute audience author
# | auto autumn avenue baby back badge bag balance ball band bank bar base basis basket battery
# | battle beach bean bear bed bee beef bell belt bench benefit berry bike bill bird birth
# | bit blade blog board boat body bonus book booking boot border boss bottle box boy brain
# | branch brand bread break breakfast bridge brother brush bucket budget bug building bus
# | business butterfly button buyer cabinet cable cake calendar call camera camp campaign campus
# | canvas cap capital car card career cart case castle cat catalog category cell century
# | chain chair challenge channel chapter character charge chart cheese chef cherry chest chicken
# | chief child church circle city claim class client cliff clock cloud club coach coat code
# | coffee collection college colony color column comment committee community company computer
# | concept concert condition conference contact content contest context contract country
# | county couple coupon course court cover cow crash credit crew crisis criterion crowd cup
# | currency customer cycle dairy dance data database datum date daughter day deal debate decade
# | decision deer degree delivery demo department deposit design desk detail device diagnosis
# | dictionary diet dish disk doctor document dog dollar domain door dress drink driver duty
# | eagle ear earth echo economy edge editor effect egg elbow election element elf email
# | employee end enemy engine entity entry envelope episode error essay estate event evidence
# | exam example expense expert eye face fact factory family fan farm fax feature fee feedback
# | fence ferry field file film finding fire firm fish flag flight floor flower fly focus folder
# | food foot forest fork form formula fox frame friend fruit fungus furniture galaxy game gap
# | garden gas gate gene genius ghost gift girl glass glove goal goose government grade graph
# | grass group guest guide guy hair half hall hand hero highway history hobby hole holiday
# | home hoof hook horse hospital host hotel hour house index industry inquiry insight invoice
# | issue item journey judge juice key kid kiss kitchen knife lab label lady lake lamp language
# | lead leaf league leg lens lesson letter level library life light line link lion list loaf
# | location lock log loss lunch machine man manager map market match matrix meal medium
# | meeting member memory menu message method metric mouse movie mystery nail name nation
# | network news node note novel number nurse oasis object offer office opinion option order
# | owner page pair panel paper parent parenthesis party pass patch path patient payment peach
# | penny person phase phone photo piano picture piece pizza place plan planet plant player
# | policy pony post potato prefix price prize problem process product profile project property
# | proxy puppy quality query question quiz radio radius rate ray reason receipt recipe record
# | region reply report request resource review roof room route rule safe sale salary sample
# | scarf schedule school score screen search season seat secret sector self series service
# | session setting shelf shop show sister size sky skill sky society solo son song source space
# | species speech spy staff stage stamp state status step stimulus story strategy street
# | student studio stuff style subject success suffix summary supply survey syllabus system
# | table tag task tax taxi teacher team tech text theory thesis thing ticket time tip title
# | today todo token tomato tool topic tour town toy track trade train tree trip truck try
# | type unit universe update user value valley vertex video view village virus visit voice
# | volume vote wage wall watch water wave way wharf wife window wish wolf woman word work
# | worker world wrench year youth zone zoo
# | `.split(/\s+/).filter(Boolean);
# | // 3. Model-like names, as written in GraphQL schemas.
# | const models = `
# | Post BlogPost Category Address Person Status Child Datum Media Todo Quiz Series Sheep
# | UserProfile ABTest Comment Author Tag PostTag PostEditor Blog Project Team Employee Order
# | OrderItem LineItem Customer Invoice Product ProductVariant Inventory Warehouse Analysis
# | Criterion Phenomenon Index Matrix Vertex Appendix Syllabus Alumnus Cactus Fungus Virus
# | Octopus Bus Box Church Wish Buzz Quiz Hero Potato Photo Piano Day Key Toy Boy Story Company
# | Activity Reply Entry Leaf Wife Life Knife Half Roof Chief Man Woman Human Ox Foot Tooth
# | Goose Mouse Louse Deer Fish Salmon Species News Equipment Information Software Police
# | Staff Data Metadata Schema Genus Echo Hero Volcano Person People Children Men Women
# | Feedback Settings UserSettings AppConfig ApiKey APIKey IPAddress URL URI ID UUID SKU FAQ
# | HTTPRequest S3Object DynamoDBTable GraphQLSchema OAuthToken JSONDocument XMLNode CPU
# | Pokemon Chinese Japanese Thief Carve Valve Passerby Pickaxe Axe Die Yes Looey Groove
# | `.split(/\s+/).filter(Boolean);
# | nouns.forEach((w) => bases.add(w));
# | models.forEach((w) => bases.add(w));
# | // Deterministic PRNG (mulberry32) so the fixture is reproducible.
# | let seed = 20240801;
# | function rand() {
# |   seed = (seed + 0x6d2b79f5) | 0;
# |   let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
# |   t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
# |   return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
# | }
# | const pick = (xs) => xs[Math.floor(rand() * xs.length)];
# | const title = (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
# | const words = new Set();
# | for (const w of bases) {
# |   words.add(w).add(w.toLowerCase()).add(w.toUpperCase()).add(title(w));
# |   words.add([...w].map((c) => (rand() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join(''));
# | }
# | // 4. PascalCase / camelCase / snake_case compounds whose last segment is a table word or noun.
# | const heads = ['Blog', 'User', 'Order', 'Admin', 'Sub', 'My', 'Team', 'AWS', 'Api'];
# | for (const w of [...nouns, ...models]) {
# |   const head = pick(heads);
# |   words.add(head + title(w)).add(head.toLowerCase() + title(w));
# |   words.add(head.toLowerCase() + '_' + w.toLowerCase());
# |   words.add(head.toUpperCase() + w.toUpperCase());
# | }
# | // 5. Edge cases: empty, digits, separators, whitespace, non-ASCII, non-BMP, lone surrogate.
# | `
# |  a A s S y Y x X I i 1 42 v2 Post2 POST2 post_ post- item1s _ __typename $ a.b
# | Pokémon POKÉMON pokémon POKéMON Café café CAFÉ naïve Naïve Straße STRASSE straße
# | İstanbul \u0131d bus bu\u017F bus\u017F \u212Anife po\u212Aemon \u212Aiss
# | Σ ΟΔΟΣ οδος Ωmega Überfall über Émile 🍕 pizza🍕 🍕pizza 𐐨us 𐐀US 𐐨US 𐐀us 𐐨 𐐀 Ǆ ǅemo ǆ ß ẞ
# | `.split(/ +|\n/).forEach((w) => words.add(w));
# | ['post\n', 'blog post', 'Blog Post', 'BLOG POST', ' post', 'post ', 'a\uD800', '\uDC00x', '\t']
# |   .forEach((w) => words.add(w));
# | const cases = [...words].map((w) => [w, pluralize.plural(w)]);
# | const lines = cases.map((c) => '    ' + JSON.stringify(c));
# | process.stdout.write('{\n  "package": "pluralize@' + version + '",\n  "cases": [\n');
# | process.stdout.write(lines.join(',\n') + '\n  ]\n}\n');

"""Check ``translator.core.pluralize.plural`` against reference output of npm pluralize 8.0.0."""

from __future__ import annotations

import json

import pytest
from conftest import TESTS

from translator.core.pluralize import plural

FIXTURE = TESTS / "fixtures" / "pluralize_cases.json"


def _load_cases() -> list[tuple[str, str]]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert data["package"] == "pluralize@8.0.0"
    return [(word, expected) for word, expected in data["cases"]]


CASES = _load_cases()


@pytest.mark.parametrize(("word", "expected"), CASES)
def test_plural_matches_npm_pluralize(word: str, expected: str) -> None:
    assert plural(word) == expected


def test_fixture_covers_model_names() -> None:
    # Guards against a regenerated fixture silently dropping the names that matter most.
    words = {word for word, _ in CASES}
    models = ["Post", "BlogPost", "Category", "Address", "Person", "Status", "Child", "Datum"]
    models += ["Media", "Todo", "Quiz", "Series", "Sheep", "UserProfile", "ABTest"]
    for name in models:
        for variant in (name, name.lower(), name.upper()):
            assert variant in words, variant
    assert len(CASES) > 2000


def test_only_the_first_rule_matches_a_word_that_ends_in_an_ascii_non_letter() -> None:
    """What ``plural`` relies on to skip the other rules for such words (generated names)."""
    from translator.core.pluralize import _PLURAL_RULES

    stems = ["", "Entity", "alumn", "thou", "pokemon", "child", "fish", "ax", "é", "x"]
    endings = [*"0123456789_-$ \t\n!#.", "s0", "es_"]
    words = [stem + sep + ending for stem in stems for sep in ("", "s", "é") for ending in endings]
    for word in words:
        if word[-1].isascii() and not word[-1].isalpha():
            matching = [index for index, (pattern, _) in enumerate(_PLURAL_RULES) if pattern.search(word)]
            assert matching == [0], (word, matching)
