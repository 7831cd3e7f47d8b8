"""The shape of the code: no import cycles anywhere, and the import-linter contracts hold.

The contracts (``pyproject.toml``, run by ``make test`` as ``lint-imports``) say which way the
apps and their layers may import. This test adds what no contract type covers: not one cycle
between any two modules of the project, across apps too.
"""

from __future__ import annotations

import grimp


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    modules = sorted(m for m in graph.modules if ".migrations" not in m)
    edges = {
        m: sorted(
            n for n in graph.find_modules_directly_imported_by(m) if n.split(".")[0] == "inddrag"
        )
        for m in modules
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(edges.get(root, [])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, []))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles_between_modules():
    graph = grimp.build_graph("inddrag", exclude_type_checking_imports=True)
    assert _cycles(graph) == []


def test_a_cycle_would_be_found():
    graph = grimp.ImportGraph()
    for name in ("inddrag.a", "inddrag.b", "inddrag.c"):
        graph.add_module(name)
    graph.add_import(importer="inddrag.a", imported="inddrag.b")
    graph.add_import(importer="inddrag.b", imported="inddrag.c")
    assert _cycles(graph) == []
    graph.add_import(importer="inddrag.c", imported="inddrag.a")
    assert _cycles(graph) == [["inddrag.a", "inddrag.b", "inddrag.c"]]
