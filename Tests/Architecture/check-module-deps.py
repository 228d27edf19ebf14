#!/usr/bin/env python3
"""Checks that every Core module includes only what its CMake file declares.

Each Source/Core/<Folder>/CMakeLists.txt declares its modules with ls_add_core_module(Name SOURCES
... DEPS ... LIBS ...). A source file of a module may include headers of that module and of the
modules in its own DEPS line (direct only: a module states what it uses instead of reaching it
through another), never Source/Cli or Source/App, and JUCE only when `juce` is among its LIBS.
The declared graph must have no cycles, and docs/ARCHITECTURE.md's module table must list the
same dependencies, so the map in the docs cannot drift from the build.

    check-module-deps.py ROOT               check; on failure print the problems and the graph
    check-module-deps.py ROOT --graph       print the declared graph
    check-module-deps.py ROOT --write-doc   rewrite the dependency column of the doc's table
"""
import os
import re
import sys

SOURCE_EXTENSIONS = (".h", ".hpp", ".cpp", ".cc", ".c")
DOC = os.path.join("docs", "ARCHITECTURE.md")
TABLE_BEGIN = "<!-- module-table:begin -->"
TABLE_END = "<!-- module-table:end -->"
PLANNED = "(planned)"


class Module:
    def __init__(self, name, folder, cmake, line):
        self.name, self.folder, self.cmake, self.line = name, folder, cmake, line
        self.sources, self.deps, self.libs = [], [], []


def strip_comments(text):
    # CMake comments run from '#' to the end of the line ('#' inside quotes is rare enough in
    # our CMake files that it is not handled).
    return re.sub(r"#[^\n]*", "", text)


def calls(text, command):
    """(argument tokens, line number) of each `command(...)` in text, nested parentheses allowed."""
    for m in re.finditer(r"\b" + command + r"\s*\(", text, re.IGNORECASE):
        depth, i = 1, m.end()
        while depth and i < len(text):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        yield text[m.end():i - 1].split(), text.count("\n", 0, m.start()) + 1


def expand(tokens, variables):
    out = []
    for t in tokens:
        m = re.fullmatch(r"\$\{(\w+)\}", t)
        out.extend(variables.get(m.group(1), []) if m else [t])
    return out


def read_modules(root):
    core = os.path.join(root, "Source", "Core")
    modules = []
    for folder in sorted(os.listdir(core)):
        cmake = os.path.join(core, folder, "CMakeLists.txt")
        if not os.path.isfile(cmake):
            continue
        text = strip_comments(open(cmake, encoding="utf-8").read())
        variables = {args[0]: args[1:] for args, _ in calls(text, "set") if args}
        for args, line in calls(text, "ls_add_core_module"):
            module = Module(args[0], folder, os.path.relpath(cmake, root), line)
            current = None
            for token in expand(args[1:], variables):
                if token in ("SOURCES", "DEPS", "LIBS"):
                    current = {"SOURCES": module.sources, "DEPS": module.deps, "LIBS": module.libs}[token]
                elif current is not None:
                    current.append(token)
            modules.append(module)
        # Libraries linked after the call (target_link_libraries(loopstage_x ...)) count as LIBS.
        for args, _ in calls(text, "target_link_libraries"):
            for module in modules:
                if args and args[0] == "loopstage_" + module.name.lower():
                    module.libs += [a for a in args[1:] if a not in ("PUBLIC", "PRIVATE", "INTERFACE")]
    return modules


def owner_map(root, modules):
    """Every source file under Source/Core -> the module it belongs to (or a problem string)."""
    core = os.path.join(root, "Source", "Core")
    owners, problems = {}, []
    by_folder = {}
    for m in modules:
        by_folder.setdefault(m.folder, []).append(m)
    for folder, mods in by_folder.items():
        listed = {}
        for m in mods:
            for s in m.sources:
                listed[os.path.normpath(os.path.join(core, folder, s))] = m
        for dirpath, _, files in os.walk(os.path.join(core, folder)):
            for f in sorted(files):
                if not f.endswith(SOURCE_EXTENSIONS):
                    continue
                path = os.path.normpath(os.path.join(dirpath, f))
                twin = os.path.splitext(path)[0] + ".cpp"
                owner = listed.get(path) or listed.get(twin)
                if owner is None and len(mods) == 1:
                    owner = mods[0]
                if owner is None:
                    owner = next((m for m in mods if m.name == folder), None)
                if owner is None:
                    problems.append("%s: belongs to none of %s (list it in one module's SOURCES)"
                                    % (os.path.relpath(path, root), ", ".join(m.name for m in mods)))
                else:
                    owners[path] = owner
    return owners, problems


INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def check_includes(root, modules, owners):
    core = os.path.join(root, "Source", "Core")
    elsewhere = [os.path.join(root, "Source", d) for d in ("Cli", "App")]
    names = {m.name for m in modules}
    problems, used = [], {m.name: set() for m in modules}
    for path, module in sorted(owners.items(), key=lambda item: item[0]):
        allowed = set(module.deps) | {module.name}
        uses_juce = "juce" in module.libs
        rel = os.path.relpath(path, root)
        for number, text in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
            m = INCLUDE.match(text)
            if not m:
                continue
            bracket, header = m.groups()
            where = "%s:%d: #include %s%s%s" % (rel, number, bracket, header, ">" if bracket == "<" else '"')
            if header.startswith("juce_") or os.path.basename(header) == "JuceHeader.h":
                if not uses_juce:
                    problems.append("%s: %s may not include JUCE (no `juce` in its LIBS)" % (where, module.name))
                continue
            candidates = [os.path.normpath(os.path.join(os.path.dirname(path), header)),
                          os.path.normpath(os.path.join(core, header))]
            candidates += [os.path.normpath(os.path.join(e, header)) for e in elsewhere]
            target = next((c for c in candidates if os.path.isfile(c)), None)
            first = header.split("/")[0]
            if (target and any(target.startswith(e + os.sep) for e in elsewhere)) or first in ("Cli", "App"):
                problems.append("%s: Core may not include Source/Cli or Source/App" % where)
                continue
            if target is None or not target.startswith(core + os.sep):
                continue   # a system or third-party header
            other = owners.get(target)
            if other is None:
                continue   # reported by owner_map
            used[module.name].add(other.name)
            if other.name not in allowed:
                hint = " (a cycle: %s already depends on %s)" % (other.name, module.name) \
                    if reaches(modules, other.name, module.name) else ""
                problems.append("%s: %s includes %s, which is not in its DEPS (%s)%s"
                                % (where, module.name, other.name, " ".join(module.deps) or "none", hint))
    for m in modules:
        for dep in m.deps:
            if dep not in names:
                problems.append("%s:%d: %s depends on %s, which is no Core module" % (m.cmake, m.line, m.name, dep))
    notes = ["note: %s declares %s in DEPS but includes none of its headers" % (m.name, d)
             for m in modules for d in m.deps if d in names and d not in used[m.name]]
    return problems, notes


def reaches(modules, start, goal):
    graph = {m.name: m.deps for m in modules}
    seen, todo = set(), [start]
    while todo:
        n = todo.pop()
        if n == goal:
            return True
        if n not in seen:
            seen.add(n)
            todo += graph.get(n, [])
    return False


def cycles(modules):
    graph = {m.name: m.deps for m in modules}
    state, found = {}, []

    def visit(node, path):
        state[node] = "open"
        for dep in graph.get(node, []):
            if state.get(dep) == "open":
                found.append(" -> ".join(path[path.index(dep):] + [dep]))
            elif dep not in state:
                visit(dep, path + [dep])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return ["declared DEPS form a cycle: " + c for c in found]


def graph_text(modules):
    width = max(len(m.name) for m in modules)
    lines = []
    for m in sorted(modules, key=lambda m: m.name):
        extra = " (+juce)" if "juce" in m.libs else ""
        lines.append("  %-*s -> %s%s" % (width, m.name, ", ".join(m.deps) or "-", extra))
    return "\n".join(lines)


def doc_rows(root):
    """The doc's module table: name -> (deps column, whole row) between the markers."""
    text = open(os.path.join(root, DOC), encoding="utf-8").read()
    if TABLE_BEGIN not in text or TABLE_END not in text:
        return text, None
    body = text.split(TABLE_BEGIN, 1)[1].split(TABLE_END, 1)[0]
    rows = {}
    for line in body.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and not set(cells[0]) <= set("-: ") and cells[0] != "Module":
            rows[cells[0].strip("`*")] = cells
    return text, rows


def doc_deps(module):
    return ", ".join(module.deps) + (" (+ juce)" if "juce" in module.libs else "") if module.deps or "juce" in module.libs else "-"


def check_doc(root, modules):
    _, rows = doc_rows(root)
    if rows is None:
        return ["%s: no module table between %s and %s" % (DOC, TABLE_BEGIN, TABLE_END)]
    problems = []
    for m in modules:
        row = rows.get(m.name)
        if row is None:
            problems.append("%s: no row for module %s (run with --write-doc)" % (DOC, m.name))
        elif PLANNED in row[1]:
            problems.append("%s: %s is built now; drop %s from its row (run with --write-doc)" % (DOC, m.name, PLANNED))
        elif row[1] != doc_deps(m):
            problems.append("%s: %s's row says '%s', its CMake file says '%s' (run with --write-doc)"
                            % (DOC, m.name, row[1], doc_deps(m)))
    names = {m.name for m in modules}
    for name, row in rows.items():
        if name not in names and PLANNED not in row[1]:
            problems.append("%s: %s has no CMake module; mark it %s or drop the row" % (DOC, name, PLANNED))
    return problems


def write_doc(root, modules):
    text, rows = doc_rows(root)
    if rows is None:
        sys.exit("%s: add the markers %s and %s first" % (DOC, TABLE_BEGIN, TABLE_END))
    built = {m.name: m for m in modules}
    for name, m in built.items():
        rows.setdefault(name, [name, "", ""])[1] = doc_deps(m)
    order = [n for n in rows]   # keep the doc's order (layers), new modules at the end
    lines = ["| Module | Depends on (direct) | What it holds |", "|---|---|---|"]
    lines += ["| %s | %s | %s |" % (n, rows[n][1], rows[n][2]) for n in order]
    before, rest = text.split(TABLE_BEGIN, 1)
    after = rest.split(TABLE_END, 1)[1]
    with open(os.path.join(root, DOC), "w", encoding="utf-8") as f:
        f.write(before + TABLE_BEGIN + "\n" + "\n".join(lines) + "\n" + TABLE_END + after)


def main():
    args = sys.argv[1:]
    root = os.path.abspath(next((a for a in args if not a.startswith("--")), "."))
    modules = read_modules(root)
    if "--graph" in args:
        print(graph_text(modules))
        return 0
    if "--write-doc" in args:
        write_doc(root, modules)
        return 0
    owners, problems = owner_map(root, modules)
    include_problems, notes = check_includes(root, modules, owners)
    problems += include_problems + cycles(modules) + check_doc(root, modules)
    print("\n".join(notes))
    if problems:
        print("\n".join(problems))
        print("\n%d problem(s). The graph the CMake files allow (module -> direct DEPS):\n%s"
              % (len(problems), graph_text(modules)))
        print("\nInclude a module only after adding it to DEPS in its ls_add_core_module call, "
              "and never a module that depends on yours.")
        return 1
    print("%d Core modules, %d files: every include is declared, no cycles, %s agrees.\n%s"
          % (len(modules), len(owners), DOC, graph_text(modules)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
