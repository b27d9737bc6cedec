#pragma once
/// Helpers shared by the data-entry dialogs (patient, visit, film): UTF-8 conversion, parsing of
/// typed numbers and dates into core values (problems named as core names them), marking the
/// controls that hold a problem, and the colours the dialogs share with the paper report.

#include <wx/colour.h>
#include <wx/string.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/asdas.h"
#include "core/patient.h"
#include "core/validation.h"

class wxDialog;
class wxStaticText;
class wxTextCtrl;
class wxWindow;

namespace ankylos::ui {

/// std::string (UTF-8, as core and storage hold text) to wxString and back.
wxString fromUtf8(const std::string& text);
std::string toUtf8(const wxString& text);

/// The trimmed text of a control as UTF-8.
std::string trimmedText(const wxTextCtrl* control);

/// The number typed in control, nullopt when empty. Text that is not a number adds the core
/// message (naming field and text, saying what to type: core::numberAdvice) to problems and gives
/// nullopt; belowLimitAdvice: how the form takes a value below the detection limit.
std::optional<double> readNumber(const wxTextCtrl* control, const std::string& field,
                                 core::Validation& problems, const wxString& belowLimitAdvice = wxString());
/// A date typed as YYYY-MM-DD, nullopt when empty; bad text adds the core message to problems.
std::optional<core::Date> readDate(const wxTextCtrl* control, const std::string& field,
                                   core::Validation& problems);
/// The trimmed text of a control, or `stored` itself when the control shows `stored` (trimmed): a
/// stored value with surrounding spaces (from an import) is not altered by saving it unchanged.
std::string keptText(const wxTextCtrl* control, const std::string& stored);
/// A value for a text field: empty for nullopt, otherwise the shortest text that reads back as the
/// same number.
wxString numberText(const std::optional<double>& value);
/// A date for a text field: empty for nullopt.
wxString dateText(const std::optional<core::Date>& date);

/// Marks controls holding a problem and writes the messages on the message line next to them.
/// Each control is registered with the field name core uses in its messages ("BASDAI Q2") and the
/// message line (a red wxStaticText) that shows problems of its section.
class ProblemMarker {
public:
    /// Message lines wrap at this width (pixels).
    explicit ProblemMarker(int wrapWidth = 420) : m_wrapWidth(wrapWidth) {}
    void add(wxWindow* control, const std::string& field, wxStaticText* messageLine);
    /// Forgets every field registered for control (a row that is removed or changes analyte).
    void remove(wxWindow* control);
    /// Clears every mark, then marks problems: hard errors red, warnings amber. Problems whose field
    /// is not registered go to fallbackLine. Returns the control of the first hard error (for focus).
    wxWindow* show(const std::vector<core::Problem>& problems, wxStaticText* fallbackLine);
    /// The control registered for field, or nullptr.
    wxWindow* controlOf(const std::string& field) const;
    /// The message line of field's section, or nullptr.
    wxStaticText* lineOf(const std::string& field) const;

private:
    struct Entry {
        wxWindow* control;
        std::string field;
        wxStaticText* line;
    };
    std::vector<Entry> m_entries;
    std::vector<wxStaticText*> m_lines;
    int m_wrapWidth;
};

/// A red message line under a section: wraps, hidden while empty.
void setMessageLine(wxStaticText* line, const wxString& text, int wrapWidth);

/// Cancels a data-entry dialog: when modified, first asks whether to discard the unsaved changes
/// ("This visit has unsaved changes. Discard them?"; keepLabel names the way back, "Keep editing").
/// True when the dialog was ended with wxID_CANCEL.
bool cancelEditing(wxDialog* dialog, bool modified, const wxString& question, const wxString& keepLabel);

/// Binds a data-entry dialog's Save (wxID_OK) and Cancel buttons to trySave and tryCancel, and its
/// closing to tryCancel (vetoed when tryCancel keeps the dialog open, to keep unsaved changes).
void bindSaveAndCancel(wxDialog* dialog, const std::function<bool()>& trySave,
                       const std::function<bool()>& tryCancel);

/// Runs save. When it throws ankylos::Error (storage refuses: a duplicate ID or visit date), shows
/// the message on line and returns false, so the dialog stays open with what was typed.
bool saveOrShowRefusal(wxDialog* dialog, wxStaticText* line, int wrapWidth,
                       const std::function<void()>& save);

/// Asks whether to save unusual values as entered ("Confirm unusual values", listing each warning's
/// message). True when the user chose "Save as entered".
bool confirmUnusualValues(wxWindow* parent, const std::vector<core::Problem>& warnings);

/// Loads the dialog's layout named name from the compiled XRC (forms/); a missing one is an
/// InternalError, a build fault.
void loadDialogLayout(wxDialog* dialog, wxWindow* parent, const char* name);

/// Ends a data-entry dialog with code: EndModal when shown modally, else hides it (the tests show
/// the dialogs modelessly) with the code as its return code.
void endDialog(wxDialog* dialog, int code);

/// Problems of a ValidationError as a Validation (to add parse errors to others).
void appendProblems(core::Validation& into, const core::ValidationError& error);

/// What parse reads from the trimmed text of control, nullopt when empty. When parse refuses the text
/// (core::ValidationError naming field, text and what is allowed), its problems go to problems and the
/// result is nullopt: one place for every typed field (numbers, dates, grades).
template <class Parse>
auto readTyped(const wxTextCtrl* control, core::Validation& problems, const Parse& parse)
    -> std::optional<decltype(parse(std::string()))> {
    const std::string text = trimmedText(control);
    if (text.empty())
        return std::nullopt;
    try {
        return parse(text);
    } catch (const core::ValidationError& error) {
        appendProblems(problems, error);
        return std::nullopt;
    }
}

/// Screen colours from the paper report's palette, so a state or grade looks the same on both.
/// The ASDAS state colour is a background (a band on the charts): draw dark text on it.
wxColour asdasStateColour(core::AsdasState state);
/// mSASSS grade 0-3 cell colour; -1 = not assessable, -2 = not scored.
wxColour gradeColour(int grade);
/// The text on a gradeColour cell (the report's: white on the dark grades), black on the others.
wxColour gradeTextColour(int grade);
wxColour errorColour();  ///< text of a hard error
wxColour errorBackground();
wxColour warningBackground();

/// The ASDAS state as shown ("inactive", "low", "high", "very high").
wxString asdasStateText(core::AsdasState state);

/// Sizes a dialog to its content but never beyond the display's work area (minus a margin).
void fitToDisplay(wxDialog* dialog);

}  // namespace ankylos::ui
