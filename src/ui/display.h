#pragma once
/// Turning core values into what the screen shows: UTF-8 text, ISO dates, fixed decimals, the
/// report palette's colours, translated state names. No clinical rule: values come from core.

#include <wx/colour.h>
#include <wx/string.h>

#include <filesystem>
#include <optional>
#include <string>

#include "core/asdas.h"
#include "core/bmd.h"
#include "core/patient.h"
#include "report/palette.h"
#include "ui/editor_fields.h"  // fromUtf8, toUtf8, dateText(optional), asdasStateText

class wxChoice;

namespace ankylos::ui {

/// "2021-03-04".
wxString dateText(core::Date date);
/// A label of core's vocabulary (drug, route, MASES site...: those core marks N_, core/translatable.h)
/// in the interface's language.
wxString coreText(const std::string& label);
/// The value with that many decimals (core::formatFixed), or empty when there is none.
wxString fixedText(const std::optional<double>& value, int decimals);

wxString sexText(core::Sex sex);
/// "lumbar spine", "femoral neck", "total hip", "1/3 radius", translated.
wxString bmdSiteText(core::BmdSite site);
wxString hlaB27Text(core::HlaB27 status);

/// The report palette's colour on screen, so screen and paper agree.
wxColour screenColour(const report::Colour& colour);

/// How a database is named on screen: "clinic on db.example.org" for one on a server (its
/// location, postgresql://..., is long and its user is shown elsewhere), the file's path otherwise.
wxString databaseDisplayName(const std::filesystem::path& location);

/// Today's date as the storage layer sees it (local time).
core::Date today();

/// The patient filters of the cohort summary and the research export as choice lists whose first
/// entry, "Any", does not filter: fill* puts the entries in, the others read the choice made.
void fillSexFilter(wxChoice* choice);     ///< Any, Men, Women
void fillHlaB27Filter(wxChoice* choice);  ///< Any, Positive, Negative
/// Any, Progressors, then nonProgressors (the dialog's words for the patients who are not).
void fillProgressorFilter(wxChoice* choice, const wxString& nonProgressors);
std::optional<core::Sex> sexFilter(const wxChoice* choice);
std::optional<core::HlaB27> hlaB27Filter(const wxChoice* choice);
std::optional<bool> progressorFilter(const wxChoice* choice);

}  // namespace ankylos::ui
