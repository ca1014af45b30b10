"""The link <-> the widgets: every filter and view choice lives in the address bar.

Every filter and view widget has ``bind="query-params"`` and its key is the
URL key of :data:`flows.state.KEYS`, so the browser's address bar always holds
the current view. On a session's first run the link is read by
:func:`flows.state.from_query` (whitelists, notices) and its values are put
into the widgets' session state, so a bad value falls back to the default with
a visible notice instead of silently.
"""

from __future__ import annotations

import streamlit as st

from flows.state import FILTER_FIELDS, KEYS, Choices, ViewState, from_query, query_string, to_query

LINK_READ = "_link_read"  # session key: the link has been read into the widgets
NOTICES = "_link_notices"  # session key: what the link asked for that was not used
LINKED_CLAIM = "_linked_claim"  # session key: claim_id from the link's "c", shown until another is picked
FILTER_KEYS: tuple[str, ...] = tuple(KEYS[name] for name in FILTER_FIELDS)


def _raw_query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def read_link_once(options: dict[str, list[str]]) -> None:
    """On a session's first run, put the link's valid values into the widgets' state."""
    if st.session_state.get(LINK_READ):
        return
    st.session_state[LINK_READ] = True
    countries_in_data = set(options["origins"]) | set(options["vias"]) | set(options["destinations"])
    state, notices = from_query(
        _raw_query(), Choices(claimants=frozenset(options["claimants"]), countries=frozenset(countries_in_data))
    )
    st.session_state[NOTICES] = notices
    st.session_state[LINKED_CLAIM] = state.claim
    default = ViewState()
    for name, key in KEYS.items():
        value = getattr(state, name)
        if name == "claim" or value == getattr(default, name):
            continue
        st.session_state[key] = list(value) if isinstance(value, tuple) else value
    # The address as the widgets write it (display names, labels): an ISO code or
    # an odd letter case would otherwise be cleared by its widget, which does not
    # know that spelling; unknown keys and bad values go too, once their notice is shown.
    # Then run again: a widget binding its key on this run would still read
    # the link's spelling, find no such option and clear the address.
    wanted = to_query(state)
    if _raw_query() != {key: value if isinstance(value, list) else [value] for key, value in wanted.items()}:
        st.query_params.from_dict(wanted)
        st.rerun()


def reset_filters() -> None:
    """The "Reset all filters" button: every filter back to its default (the URL follows)."""
    default = ViewState()
    for name, key in KEYS.items():
        if key in FILTER_KEYS:
            value = getattr(default, name)
            st.session_state[key] = list(value) if isinstance(value, tuple) else value


def sync_address(state: ViewState) -> None:
    """Keep the link's "c" (the claim shown in full) in the address bar, or drop it.

    Every other key belongs to its widget (``bind="query-params"``), which writes it.
    """
    claim_key = KEYS["claim"]
    if state.claim:
        if st.query_params.get(claim_key) != state.claim:
            st.query_params[claim_key] = state.claim
    elif claim_key in st.query_params:
        del st.query_params[claim_key]


# (1) The widgets write the address with history.replaceState, so a change of view made
# no history entry and the browser's Back left the app. This turns a write that
# changes the query into history.pushState; Back then fires popstate, on which
# Streamlit reruns with that address and the bound widgets take its values. The
# writes Streamlit makes while it follows a Back or Forward stay replacements.
# (2) Enter in a date field applies the date (see the listener).
# A constant script: nothing from the data or the link is put into it.
HISTORY_SCRIPT = """
<script>
(() => {
  const w = window;
  if (w.__armsFlowsHistory) return;
  w.__armsFlowsHistory = true;
  const replace = w.history.replaceState.bind(w.history);
  let following = 0;
  w.addEventListener("popstate", () => { following = Date.now(); });
  w.history.replaceState = (data, unused, url) => {
    const next = url ? new URL(url, w.location.href) : null;
    const changes = next && next.pathname === w.location.pathname && next.search !== w.location.search;
    if (changes && Date.now() - following > 1500) {
      return w.history.pushState(data, unused, url);
    }
    return replace(data, unused, url);
  };
  // A date typed into a field was applied only by a click outside it (which closes its
  // calendar): Enter does the same, as a press outside the field.
  w.document.addEventListener("keydown", (event) => {
    const field = event.target.closest && event.target.closest('[data-testid="stDateInput"]');
    if (!field || event.key !== "Enter") return;
    event.target.blur();
    for (const kind of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
      w.document.body.dispatchEvent(new MouseEvent(kind, { bubbles: true }));
    }
  }, true);
})();
</script>
"""


def keep_history() -> None:
    """Each change of view becomes a browser history entry, and Enter applies a typed date
    (see :data:`HISTORY_SCRIPT`)."""
    st.html(HISTORY_SCRIPT, unsafe_allow_javascript=True, width="content")


def share_url(state: ViewState) -> str:
    """The link to this view: the app's address and :func:`flows.state.query_string`."""
    base = (st.context.url or "").split("?", 1)[0].split("#", 1)[0]
    if base.count("/") == 2:  # "http://host:port": give it its root path
        base += "/"
    query = query_string(state)
    return f"{base}?{query}" if query else base
