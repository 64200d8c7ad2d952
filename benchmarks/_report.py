"""The table every explorer benchmark prints (wall time first, CPU time beside it)."""


def format_table(rows) -> str:
    """Rows of ``run()`` (any explorers_* module) as a text table."""
    width = max(len(r["name"]) for r in rows)
    lines = [f"{'explorer':<{width}}  median ms  worst ms  cpu median ms  target ms"]
    for r in rows:
        ok = "ok" if r["median_ms"] <= r["target_ms"] else "OVER"
        fps = f"  ({r['fps']:.0f} fps)" if "fps" in r else ""
        lines.append(f"{r['name']:<{width}}  {r['median_ms']:9.1f}  {r['worst_ms']:8.1f}  "
                     f"{r['cpu_median_ms']:13.1f}  {r['target_ms']:9.0f}  {ok}{fps}")
    return "\n".join(lines)
