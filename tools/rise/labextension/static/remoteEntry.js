/* nnviz-rise-shim: makes ipywidgets (and so ipympl) work in a RISE slideshow.
 *
 * A module federation container with no plugins, hand-written (nothing to build). JupyterLab
 * and the slideshow page of jupyterlab-rise (/rise/<notebook>) load every federated
 * extension's container and call its init(shareScope) before any plugin module is created.
 * init does two things, each only where it is needed:
 *
 * 1. The console token. The widget manager of ipywidgets 8.1.3+ (jupyterlab_widgets >= 3.0.11)
 *    asks the page for the shared module "@jupyterlab/console", only for its token
 *    IConsoleTracker, an *optional* service. The slideshow page is jupyterlab-rise's own small
 *    app, and no release (0.40.0-0.43.1) includes that package: loading the widget manager
 *    fails ("Shared module @jupyterlab/console doesn't exist in shared scope default"),
 *    jupyter-matplotlib cannot start either, and every widget stays a line of text
 *    (jupyterlab-contrib/rise#119). When the shared scope has no "@jupyterlab/console", init
 *    adds one whose module holds only that token (made with the page's own @lumino/coreutils);
 *    nobody provides the service in a slideshow, so the widget manager gets null, as in any app
 *    without a console. Where the page has the package (JupyterLab, Notebook 7) it does nothing.
 *
 * 2. The keys of a focused widget. In a slideshow two listeners on the whole document take
 *    the arrow keys before and after a focused slider: JupyterLab's shortcuts (ArrowRight in
 *    command mode moves to the next heading, and RISE follows the active cell to its slide)
 *    and reveal.js (arrows, Space, Home/End, PageUp/PageDown go to another slide). So an arrow
 *    key on a slider went to another slide and the slider never moved. For a key press whose
 *    target is a widget inside the slideshow (".reveal .jupyter-widgets"), this container
 *    marks the focused element with Lumino's data-lm-suppress-shortcuts attribute before the
 *    shortcuts are matched (window, capture phase), and stops the event at the page's root
 *    element after the widget handled it, before reveal.js sees it. Click outside the widget
 *    (or Tab away) to go on with the slides. Nothing changes outside a slideshow.
 *
 * Installed into share/jupyter/labextensions/nnviz-rise-shim by tools/rise/install.py (make,
 * tools/setup.py) and by `pip install .` (pyproject.toml [tool.setuptools.data-files]);
 * tested by tests/ui/test_rise.py. Remove part 1 when a jupyterlab-rise release ships
 * @jupyterlab/console in its app.
 */
(function () {
  'use strict';
  var NAME = 'nnviz-rise-shim';
  var KEY = '@jupyterlab/console';

  function parts(version) {
    return String(version).split(/[.+-]/).slice(0, 3).map(function (n) { return parseInt(n, 10) || 0; });
  }
  function newest(versions) {
    return Object.keys(versions || {}).reduce(function (best, v) {
      if (!best) return v;
      var a = parts(v), b = parts(best);
      for (var i = 0; i < 3; i++) {
        if (a[i] !== b[i]) return a[i] > b[i] ? v : best;
      }
      return best;
    }, null);
  }

  // Part 2: keys pressed on a widget in a slideshow stay with the widget.
  var WIDGET_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End',
                     'PageUp', 'PageDown', ' '];
  function slideWidget(event) {
    var target = event.target;
    return WIDGET_KEYS.indexOf(event.key) >= 0 && target && target.closest
      ? target.closest('.reveal .jupyter-widgets') : null;
  }
  function beforeShortcuts(event) {
    // On the target itself: a shortcut whose selector matches the focused element (such as
    // "... :focus") would match before Lumino reached a marked ancestor.
    if (slideWidget(event)) {
      event.target.setAttribute('data-lm-suppress-shortcuts', 'true');
    }
  }
  function afterWidget(event) {
    if (slideWidget(event)) {
      event.stopPropagation();
    }
  }

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: function (scope) {
      if (!window.__nnvizRiseKeys) {
        window.__nnvizRiseKeys = true;
        window.addEventListener('keydown', beforeShortcuts, true);
        document.documentElement.addEventListener('keydown', afterWidget, false);
      }
      // Part 1: the console token.
      if (!scope || (scope[KEY] && Object.keys(scope[KEY]).length)) {
        return; // the page has @jupyterlab/console: nothing to do
      }
      // Listed under the page's JupyterLab version, as the packages the app does have.
      var version = newest(scope['@jupyterlab/application']) || '4.0.0';
      scope[KEY] = {};
      scope[KEY][version] = {
        from: NAME,
        eager: false,
        get: function () {
          var lumino = scope['@lumino/coreutils'];
          var entry = lumino && lumino[newest(lumino)];
          if (!entry) {
            return Promise.reject(new Error(NAME + ': the page shares no @lumino/coreutils'));
          }
          entry.loaded = 1;
          return Promise.resolve(entry.get()).then(function (factory) {
            var Token = factory().Token;
            var exports = {
              IConsoleTracker: new Token(KEY + ':IConsoleTracker', 'The console widget tracker (none in a slideshow).')
            };
            return function () { return exports; };
          });
        }
      };
    },
    get: function (module) {
      return Promise.reject(new Error(NAME + ' exposes no module (asked for ' + module + ')'));
    }
  };
})();
