"""typer's `--help` for `jmsummit` and each command, rendered in advance.

fastpath.help_text prints these without importing typer, which costs more than the rest
of a `--help`. Generated, do not edit: tests/test_fastpath.py holds each equal to what
typer prints (as `jmsummit`, 80 columns); `UPDATE_GOLDEN=1 uv run pytest
tests/test_fastpath.py` rewrites this file from the typer app.
"""

TEXTS: dict[str, str] = {
    "": """\
Usage: jmsummit [OPTIONS] COMMAND [ARGS]...

  Answers about the 2017 China New-Type City Forum Jingmen Summit
  (2017中国新型城市论坛荆门峰会), in Chinese or English.

  Examples:
    jmsummit ask "谁主办了峰会"
    jmsummit ask "What was the total investment?" --json
    jmsummit search 机场
    jmsummit browse     (full screen: type to search, see each fact)
    jmsummit            (an interactive prompt, on a terminal)

Options:
  -V, --version                 Show versions and exit.
  --install-completion [SHELL]  Install completion for SHELL (bash, zsh, fish,
                                powershell) [default: this shell].
  --show-completion [SHELL]     Print the completion script for SHELL
                                [default: this shell].
  --lang <zh|en|both>           Language of human-readable output [default:
                                JMSUMMIT_LANG, else both].
  --facts DIR                   Also load the facts in DIR (repeatable); adds
                                to the bundled base.
  --no-cache                    Neither read nor write the index cache.
  -h, --help                    Show this message and exit.

Commands:
  ask         Answer a question in Chinese or English.
  search      List every fact matching TERMS, best first.
  list        Browse the whole fact base, grouped by category.
  show        Print one fact in full: both languages, value, aliases,...
  categories  List the categories with their fact counts and descriptions.
  timeline    Every dated fact in date order: days, ranges, months and...
  entities    List the entities the facts name: organisations, people,...
  about       Show one entity (names, kind, aliases) and every fact about...
  browse      Browse the whole base full-screen: type to search, see the...
  schema      Print the JSON Schema (draft 2020-12) of a command's JSON...
  export      Export the whole fact base: SQLite (tables, links, FTS5) or...
  validate    Check the fact base (and, with --source, its evidence);...
  help        Read a topic offline (the JSON contract, exit codes,...
""",
    "ask": """\
Usage: jmsummit ask [OPTIONS] [question]...

  Answer a question in Chinese or English.

  Examples:
    jmsummit ask 谁主办了这次峰会？
    jmsummit ask "Who organized the summit?" --lang en
    jmsummit ask 签约投资总额 --json | jq '.results[0].value'
    printf '主办单位\\nhosts\\n' | jmsummit ask - --json

Arguments:
  question...  The question; '-' or none (with piped input) reads one per
               line.

Options:
  --explain                       Show why the top match won.
  -f, --format <table|plain|json|jsonl|csv|tsv>
                                  Output format [default: table on a terminal,
                                  else plain].
  --json                          Short for --format json.
  --fields F1,F2                  Only these fields, in this order (dotted
                                  paths, e.g. id,answer.en,value.cny), for
                                  json, jsonl, csv and tsv; `jmsummit schema`
                                  lists them.
  --lang <zh|en|both>             Language of human-readable output [default:
                                  JMSUMMIT_LANG, else both].
  --facts DIR                     Also load the facts in DIR (repeatable);
                                  adds to the bundled base.
  --no-cache                      Neither read nor write the index cache.
  --debug                         Show the traceback of internal errors.
  --no-pager                      Never page output taller than the terminal.
  -h, --help                      Show this message and exit.
""",
    "search": """\
Usage: jmsummit search [OPTIONS] {terms}...

  List every fact matching TERMS, best first.

  Examples:
    jmsummit search 分论坛
    jmsummit search investment --limit 3
    jmsummit search 村 --category towns --json | jq -r '.results[].id'

Arguments:
  terms...  Words to look for.  [required]

Options:
  -n, --limit <int range>         At most N results.  [default: 10; x>=1]
  -c, --category NAME             Only facts of this category (see
                                  `categories`).
  -f, --format <table|plain|json|jsonl|csv|tsv>
                                  Output format [default: table on a terminal,
                                  else plain].
  --json                          Short for --format json.
  --fields F1,F2                  Only these fields, in this order (dotted
                                  paths, e.g. id,answer.en,value.cny), for
                                  json, jsonl, csv and tsv; `jmsummit schema`
                                  lists them.
  --lang <zh|en|both>             Language of human-readable output [default:
                                  JMSUMMIT_LANG, else both].
  --facts DIR                     Also load the facts in DIR (repeatable);
                                  adds to the bundled base.
  --no-cache                      Neither read nor write the index cache.
  --debug                         Show the traceback of internal errors.
  --no-pager                      Never page output taller than the terminal.
  -h, --help                      Show this message and exit.
""",
    "list": """\
Usage: jmsummit list [OPTIONS]

  Browse the whole fact base, grouped by category.

  Examples:
    jmsummit list
    jmsummit list --category forums --lang zh
    jmsummit list --format csv > facts.csv

Options:
  -c, --category NAME             Only facts of this category (see
                                  `categories`).
  -f, --format <table|plain|json|jsonl|csv|tsv>
                                  Output format [default: table on a terminal,
                                  else plain].
  --json                          Short for --format json.
  --fields F1,F2                  Only these fields, in this order (dotted
                                  paths, e.g. id,answer.en,value.cny), for
                                  json, jsonl, csv and tsv; `jmsummit schema`
                                  lists them.
  --lang <zh|en|both>             Language of human-readable output [default:
                                  JMSUMMIT_LANG, else both].
  --facts DIR                     Also load the facts in DIR (repeatable);
                                  adds to the bundled base.
  --debug                         Show the traceback of internal errors.
  --no-pager                      Never page output taller than the terminal.
  -h, --help                      Show this message and exit.
""",
    "show": """\
Usage: jmsummit show [OPTIONS] {ID}

  Print one fact in full: both languages, value, aliases, source.

  Examples:
    jmsummit show agreements.total-investment
    jmsummit show organizers.hosts --json | jq '.answer.zh'

Arguments:
  ID  A fact id, e.g. organizers.hosts.  [required]

Options:
  -f, --format <table|plain|json|jsonl|csv|tsv>
                                  Output format [default: table on a terminal,
                                  else plain].
  --json                          Short for --format json.
  --fields F1,F2                  Only these fields, in this order (dotted
                                  paths, e.g. id,answer.en,value.cny), for
                                  json, jsonl, csv and tsv; `jmsummit schema`
                                  lists them.
  --lang <zh|en|both>             Language of human-readable output [default:
                                  JMSUMMIT_LANG, else both].
  --facts DIR                     Also load the facts in DIR (repeatable);
                                  adds to the bundled base.
  --debug                         Show the traceback of internal errors.
  --no-pager                      Never page output taller than the terminal.
  -h, --help                      Show this message and exit.
""",
    "categories": """\
Usage: jmsummit categories [OPTIONS]

  List the categories with their fact counts and descriptions.

  Examples:
    jmsummit categories
    jmsummit categories --json | jq '.categories[] | select(.facts > 10)'

Options:
  -f, --format <table|plain|json|jsonl|csv|tsv>
                                  Output format [default: table on a terminal,
                                  else plain].
  --json                          Short for --format json.
  --fields F1,F2                  Only these fields, in this order (dotted
                                  paths, e.g. id,answer.en,value.cny), for
                                  json, jsonl, csv and tsv; `jmsummit schema`
                                  lists them.
  --lang <zh|en|both>             Language of human-readable output [default:
                                  JMSUMMIT_LANG, else both].
  --facts DIR                     Also load the facts in DIR (repeatable);
                                  adds to the bundled base.
  --debug                         Show the traceback of internal errors.
  --no-pager                      Never page output taller than the terminal.
  -h, --help                      Show this message and exit.
""",
    "timeline": """\
Usage: jmsummit timeline [OPTIONS]

  Every dated fact in date order: days, ranges, months and years.

  Examples:
    jmsummit timeline
    jmsummit timeline --lang en --format plain
    jmsummit timeline --json | jq -r '.events[] | "\\(.date // .start)\\t\\(.id)"'

Options:
  -f, --format <table|plain|json|jsonl|csv|tsv>
                                  Output format [default: table on a terminal,
                                  else plain].
  --json                          Short for --format json.
  --lang <zh|en|both>             Language of human-readable output [default:
                                  JMSUMMIT_LANG, else both].
  --facts DIR                     Also load the facts in DIR (repeatable);
                                  adds to the bundled base.
  --debug                         Show the traceback of internal errors.
  --no-pager                      Never page output taller than the terminal.
  -h, --help                      Show this message and exit.
""",
    "entities": """\
Usage: jmsummit entities [OPTIONS]

  List the entities the facts name: organisations, people, places, projects.

  Examples:
    jmsummit entities
    jmsummit entities --kind person --lang en
    jmsummit entities --json | jq -r '.entities[] | "\\(.id)\\t\\(.name.en)"'

Options:
  -k, --kind KIND                 Only entities of this kind (organization,
                                  person …).
  -f, --format <table|plain|json|jsonl|csv|tsv>
                                  Output format [default: table on a terminal,
                                  else plain].
  --json                          Short for --format json.
  --fields F1,F2                  Only these fields, in this order (dotted
                                  paths, e.g. id,answer.en,value.cny), for
                                  json, jsonl, csv and tsv; `jmsummit schema`
                                  lists them.
  --lang <zh|en|both>             Language of human-readable output [default:
                                  JMSUMMIT_LANG, else both].
  --facts DIR                     Also load the facts in DIR (repeatable);
                                  adds to the bundled base.
  --debug                         Show the traceback of internal errors.
  --no-pager                      Never page output taller than the terminal.
  -h, --help                      Show this message and exit.
""",
    "about": """\
Usage: jmsummit about [OPTIONS] {name}...

  Show one entity (names, kind, aliases) and every fact about it.

  Examples:
    jmsummit about 华大
    jmsummit about "Zhang Yitao" --lang en
    jmsummit about jianke yuan
    jmsummit about UN-Habitat --json | jq -r '.facts[].id'

Arguments:
  name...  An entity id, or any of its names or aliases, in either language.
           [required]

Options:
  -f, --format <table|plain|json|jsonl|csv|tsv>
                                  Output format [default: table on a terminal,
                                  else plain].
  --json                          Short for --format json.
  --fields F1,F2                  Only these fields, in this order (dotted
                                  paths, e.g. id,answer.en,value.cny), for
                                  json, jsonl, csv and tsv; `jmsummit schema`
                                  lists them.
  --lang <zh|en|both>             Language of human-readable output [default:
                                  JMSUMMIT_LANG, else both].
  --facts DIR                     Also load the facts in DIR (repeatable);
                                  adds to the bundled base.
  --debug                         Show the traceback of internal errors.
  --no-pager                      Never page output taller than the terminal.
  -h, --help                      Show this message and exit.
""",
    "browse": """\
Usage: jmsummit browse [OPTIONS]

  Browse the whole base full-screen: type to search, see the selected fact.

  Results update on every key (the scores of `search`); an empty field lists
  every fact. Keys: arrows move, Enter opens, Tab switches between the field
  and the list, F2 (Ctrl-T) changes the language, F3 (Ctrl-G) the category,
  Esc clears or leaves. Needs a terminal.

  Examples:
    jmsummit browse
    jmsummit browse --lang en

Options:
  --lang <zh|en|both>  Language of human-readable output [default:
                       JMSUMMIT_LANG, else both].
  --facts DIR          Also load the facts in DIR (repeatable); adds to the
                       bundled base.
  --no-cache           Neither read nor write the index cache.
  --debug              Show the traceback of internal errors.
  -h, --help           Show this message and exit.
""",
    "schema": """\
Usage: jmsummit schema [OPTIONS] [command]

  Print the JSON Schema (draft 2020-12) of a command's JSON or JSONL output.

  Examples:
    jmsummit schema ask
    jmsummit schema list --jsonl
    jmsummit schema | jq '."$defs" | keys'

Arguments:
  command  ask, search, list, show, categories, entities or about; none: all.

Options:
  --jsonl     The schema of one JSONL line instead.
  --batch     The schema of one line of a batch (ask -).
  -h, --help  Show this message and exit.
""",
    "export": """\
Usage: jmsummit export [OPTIONS]

  Export the whole fact base: SQLite (tables, links, FTS5) or JSONL.

  Examples:
    jmsummit export --sqlite facts.db
    sqlite3 facts.db "SELECT id FROM facts_fts WHERE facts_fts MATCH '华大'"
    jmsummit export --jsonl - | jq -r '.id'

Options:
  --sqlite FILE  Write an SQLite database to FILE.
  --jsonl FILE   Write one fact a line to FILE ('-': stdout).
  --force        Replace FILE if it exists.
  --facts DIR    Also load the facts in DIR (repeatable); adds to the bundled
                 base.
  --debug        Show the traceback of internal errors.
  -h, --help     Show this message and exit.
""",
    "validate": """\
Usage: jmsummit validate [OPTIONS]

  Check the fact base (and, with --source, its evidence); exit 0 if valid, 2
  if not.

  Examples:
    jmsummit validate
    jmsummit validate --facts ./my-facts
    jmsummit validate --source ../shared/source/000_b851dac7d4cc0232.txt

Options:
  --source FILE  Check every evidence phrase against FILE.
  --facts DIR    Also load the facts in DIR (repeatable); adds to the bundled
                 base.
  --debug        Show the traceback of internal errors.
  -h, --help     Show this message and exit.
""",
    "help": """\
Usage: jmsummit help [OPTIONS] [TOPIC]

  Read a topic offline (the JSON contract, exit codes, configuration …) or a
  command's help.

  Examples:
    jmsummit help
    jmsummit help exit-codes
    jmsummit help json | less

Arguments:
  [TOPIC]  json, csv, exit-codes, config, facts, completion, or a command;
           none: list.

Options:
  -h, --help  Show this message and exit.
""",
}
