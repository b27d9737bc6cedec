#pragma once
/// Marks the labels of core's vocabulary that people read on screen (drug names and classes, routes,
/// reasons for stopping, MASES sites, extra-articular manifestations, BMD sites and categories,
/// progression criteria, BASDAI items). N_("oral") is the text "oral" itself, unchanged for reports,
/// exports and the command line; po/extract collects every N_ text into the interface's translation
/// catalog, so the desktop interface shows the label in the user's language (ui::coreText), as
/// gettext's gettext_noop. Codes that are stored or exported are never translated: a label marked
/// here is only ever shown.
#ifndef N_
#define N_(text) text
#endif
