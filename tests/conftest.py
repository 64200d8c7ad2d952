"""Shared set-up of the unit tests (tests/, not the browser suites' own conftests).

- Figures draw with Agg (no window, the same pixels everywhere): MPLBACKEND is set before
  anything imports matplotlib, so a test that checks "import nnviz loads no plotting
  library" still sees a clean interpreter.
- Every test ends with its figures closed (no pyplot figure leaks into the next test).
- Sample networks and data as fixtures: ``network_221`` (the 2-2-1 network of 03-05, seeded),
  ``article_network`` (the seed article's 03_network example), ``people`` (04's four people).
- ``slow``: tests that start a kernel, run notebooks, build a site or install into a fresh
  environment. ``make test-fast`` skips them (and the notebooks); ``make test`` runs all.
  Mark a new one with ``@pytest.mark.slow`` in its file; ``SLOW`` below lists the slow
  tests of files whose owners have not marked them in place yet, ``HEAVY`` the explorer
  tests over a second each and ``HEAVY_PREFIXES`` the bad-input walk over figures and explorers.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

HERE = Path(__file__).resolve().parent

#: file (relative to tests/) -> names of its slow tests ("*": every test in it). Each one
#: starts a kernel, executes notebooks, builds slides or a site, or installs a project.
SLOW = {
    "tools/test_publish.py": {"test_slides_export_every_notebook", "test_student_edition_runs",
                              "test_site_index_lists_the_series_in_order_with_binder_links",
                              "test_site_page_renders_without_a_kernel",
                              "test_site_executes_in_this_environment_and_never_writes_notebooks",
                              "test_site_page_has_navigation_alt_text_and_no_remote_assets",
                              "test_the_command_line_runs_without_make"},
    "tools/test_lock.py": {"test_setup_script_install_step_in_a_temporary_project"},
    "test_grade.py": {"test_one_row_per_student_with_each_exercise",
                      "test_complete_submission_passes_everything", "test_partial_submission",
                      "test_broken_submission_is_graded_not_crashed",
                      "test_tampered_check_cells_earn_nothing_and_are_flagged"},
    "test_hints.py": {"test_a_kernel_started_with_the_config_says_what_to_run_from_its_first_cell"},
    # Over a second each at load ~6 (--durations, 2026-12-06): whole figures and playgrounds.
    "test_style_classroom.py": {"test_every_figure_a_notebook_draws_is_intact",
                                "test_explorer_figure_is_intact"},
    "test_playground.py": {"test_problem_control_switches_to_regression_with_its_data_output_and_readout",
                           "test_regression_pictures_colour_output_and_points_by_value_on_one_scale",
                           "test_slow_learning_reads_crawling_and_names_eta",
                           "test_the_state_text_loads_back_the_same_run_and_controls",
                           "test_after_clear_my_points_the_accuracy_is_of_the_points_left",
                           "test_eta_10_batch_1_never_says_larger_and_smaller_at_once",
                           "test_stop_at_epoch_keeps_the_diagnosis_in_view_and_defaults_far_away",
                           "test_discretize_shows_the_class_and_show_test_hides_the_test_points",
                           "test_show_large_draws_no_wrong_side_rings_over_a_neuron",
                           "test_the_grey_note_fades_after_200_epochs",
                           "test_painted_discretize_and_show_test_are_sent_to_the_page"},
    "test_paint.py": {"test_auto_paints_only_where_ipympl_is_active_and_anywidget_is_there"},
}


#: Explorer tests (any file) that took a second or more each in a full unit run on this
#: 2-core machine at load ~7 (--durations=0, 2026-12-06): together two thirds of the unit
#: tests' time. They run in `make test`; `make test-fast` skips them to stay under a minute.
#: Names as pytest shows them (with the parameter id), so a test moved to another file
#: keeps its mark.
HEAVY = {
    "test_bumpy_problem_local_and_global_minimum",
    "test_click_adds_a_point_of_the_chosen_class_and_clear_removes_them",
    "test_descent_explorer_loss_label_clears_its_log_ticks_after_diverging",
    "test_descent_explorer_stops_at_the_step_limit_with_a_note",
    "test_divergence_is_reported_in_words",
    "test_every_concept_explorer_fits_the_notebook_column_in_both_styles[network]",
    "test_every_concept_explorer_fits_the_notebook_column_in_both_styles[xor]",
    "test_every_control_explains_itself",
    "test_frames_train_like_the_run_and_draw_it[10]",
    "test_frames_train_like_the_run_and_draw_it[1]",
    "test_frames_train_like_the_run_and_draw_it[None]",
    "test_gradient_explorer_draws_in_place_and_teacher_mode",
    "test_learning_rate_and_batch_size_apply_from_now_on_and_say_so",
    "test_learning_rate_change_recomputes_the_same_steps",
    "test_loss_explorer_weights_mode[ipympl]",
    "test_loss_explorer_weights_mode[png]",
    "test_network_explorer_xor_mode_says_when_solved[png]",
    "test_no_figure_leaks_on_re_creating",
    "test_on_an_ipympl_canvas_frames_redraw_only_the_moving_parts",
    "test_one_neuron_shown_large",
    "test_play_again_after_pause_runs_one_runner_at_a_time",
    "test_play_in_asyncio_does_not_block_and_pause_stops",
    "test_play_outside_an_event_loop_uses_a_thread",
    "test_problem_controls_make_a_new_network_and_say_so",
    "test_public_callable_rejects_bad_input_clearly[nnviz.plots.loss_contours]",
    "test_public_callable_rejects_bad_input_clearly[nnviz.plots.loss_vs_parameter]",
    "test_public_callable_rejects_bad_input_clearly[nnviz.widgets.DescentExplorer]",
    "test_public_callable_rejects_bad_input_clearly[nnviz.widgets.TrainingPlayground]",
    "test_public_callable_rejects_bad_input_clearly[nnviz.widgets.descent_explorer]",
    "test_recreating_explorers_opens_no_pyplot_figures[neuron]",
    "test_recreating_explorers_opens_no_pyplot_figures[xor]",
    "test_reset_gives_the_same_fresh_network_and_keeps_my_points",
    "test_run_draws_the_path_gd_computes",
    "test_starts_at_the_notebooks_first_guess_and_says_when_the_start_moves",
    "test_step_button_weights_table_and_code",
    "test_stops_at_max_epochs",
    "test_switching_problem_starts_again",
    "test_the_graph_shows_every_weight_and_what_each_neuron_computes",
    "test_the_playground_graph_is_the_static_network_graph",
    "test_too_large_learning_rate_says_oscillating",
    "test_typo_in_hidden_sizes_is_reported_and_keeps_the_network",
}


#: The bad-input walk over figures and explorers (test_bad_input.py): every bad value of
#: every parameter builds a figure or an explorer under tracemalloc, seconds per callable
#: on this machine. The walk over the numpy core stays in the fast loop.
HEAVY_PREFIXES = (
    "test_public_callable_rejects_bad_input_clearly[nnviz.plots.",
    "test_public_callable_rejects_bad_input_clearly[nnviz.widgets.",
    "test_public_method_rejects_bad_input_clearly[",
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath)).resolve()
        if not path.is_relative_to(HERE):
            continue
        names = SLOW.get(path.relative_to(HERE).as_posix(), ())
        if ("*" in names or getattr(item, "originalname", item.name) in names or item.name in HEAVY
                or item.name.startswith(HEAVY_PREFIXES)):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every pyplot figure a test opened (only if pyplot was ever imported), and put
    pyplot back on Agg if the test (an ipympl canvas) moved it: the next test's figures
    must not depend on which test ran before."""
    yield
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
        if plt.get_backend().lower() != "agg":
            plt.switch_backend("agg")


@pytest.fixture
def network_221():
    """The 2-2-1 sigmoid network of 03_network to 05_backprop, with seeded random weights."""
    import nnviz

    return nnviz.Network([2, 2, 1], seed=0)


@pytest.fixture
def article_network():
    """The seed article's 03_network example: every w = [0, 1], every b = 0."""
    import numpy as np

    import nnviz

    net = nnviz.Network([2, 2, 1])
    net.params = [np.array([[0.0, 1.0], [0.0, 1.0]]), np.zeros(2), np.array([[0.0, 1.0]]), np.zeros(1)]
    return net


@pytest.fixture
def people():
    """04_loss's four people: X (weight, height; shifted) and y (1 = female)."""
    from nnviz import data

    return data.people()
