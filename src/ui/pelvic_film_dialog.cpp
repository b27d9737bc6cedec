#include "ui/pelvic_film_dialog.h"

#include <wx/button.h>
#include <wx/combobox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "core/error.h"
#include "ui/display.h"

namespace ankylos::ui {

namespace {

// Field names as core names them (core/sacroiliitis.h), so each problem lands under its field.
constexpr const char* kDateField = "pelvic film date";
constexpr const char* kLeftField = "sacroiliitis grade left";
constexpr const char* kRightField = "sacroiliitis grade right";

/// The grade typed in control, nullopt when empty; text that is not 0-4 adds core's problem.
std::optional<int> readGrade(const wxTextCtrl* control, const std::string& field,
                             core::Validation& problems) {
    return readTyped(control, problems,
                     [&](const std::string& text) { return core::parseSacroiliitisGrade(text, field); });
}

}  // namespace

wxString ruleText(core::NewYorkRule rule) {
    wxString text = coreText(core::toString(rule));
    text.Replace(">=", wxString::FromUTF8("\u2265"));
    return text;
}

wxString newYorkText(const core::NewYorkAssessment& assessment) {
    if (!assessment.met)
        return fromUtf8(assessment.reason);
    if (!*assessment.met || !assessment.rule)
        return _("not met");
    return wxString::Format(_("met (%s)"), ruleText(*assessment.rule));
}

PelvicFilmDialog::PelvicFilmDialog(wxWindow* parent, const PelvicFilmContext& context,
                                   const SavePelvicFilm& save)
    : m_context(context), m_save(save) {
    loadDialogLayout(this, parent, "PelvicFilmDialog");
    m_date = XRCCTRL(*this, "film_date", wxTextCtrl);
    m_reader = XRCCTRL(*this, "reader", wxComboBox);
    m_left = XRCCTRL(*this, "left", wxTextCtrl);
    m_right = XRCCTRL(*this, "right", wxTextCtrl);
    m_classification = XRCCTRL(*this, "classification", wxStaticText);
    m_classification->SetFont(m_classification->GetFont().Bold());
    m_summary = XRCCTRL(*this, "summary", wxStaticText);
    const std::pair<wxWindow*, const char*> fields[] = {
        {m_date, kDateField}, {m_reader, "reader"}, {m_left, kLeftField}, {m_right, kRightField}};
    for (const auto& [control, field] : fields)
        m_marker.add(control, field, XRCCTRL(*this, (control->GetName() + "_message").c_str(), wxStaticText));

    // The registered readers, offered as the first letters are typed and in the list.
    wxArrayString names;
    for (const std::string& reader : m_context.readers)
        names.Add(fromUtf8(reader));
    m_reader->Append(names);
    m_reader->AutoComplete(names);
    auto* addReaderButton = XRCCTRL(*this, "add_reader", wxButton);
    addReaderButton->Show(static_cast<bool>(m_context.addReader));
    addReaderButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (addReaderTo(this, m_context.readers, m_reader, m_context.addReader, m_summary, 500))
            relayout();
    });

    const auto changed = [this](wxCommandEvent& event) {
        event.Skip();
        m_modified = true;
        updateClassification();
    };
    Bind(wxEVT_TEXT, changed);
    Bind(wxEVT_COMBOBOX, changed);
    m_left->Bind(wxEVT_CHAR, [this](wxKeyEvent& event) { onGradeKey(event, m_left, m_right); });
    m_right->Bind(wxEVT_CHAR, [this](wxKeyEvent& event) { onGradeKey(event, m_right, nullptr); });
    bindSaveAndCancel(
        this, [this] { return trySave(); }, [this] { return tryCancel(); });
    // Keyboard first: Enter saves from any field, Esc cancels.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        const int key = event.GetKeyCode();
        if (event.GetModifiers() != wxMOD_NONE)
            event.Skip();
        else if (key == WXK_ESCAPE)
            tryCancel();
        else if (key == WXK_RETURN || key == WXK_NUMPAD_ENTER)
            trySave();
        else
            event.Skip();
    });
}

void PelvicFilmDialog::onGradeKey(wxKeyEvent& event, wxTextCtrl* field, wxWindow* next) {
    const int key = event.GetUnicodeKey();
    if (key < '0' || key > '9' || event.HasAnyModifiers()) {
        event.Skip();
        return;
    }
    // The digit is the grade, whatever was there: one key per side. 5-9 stay, to be marked.
    field->SetValue(wxString(wxUniChar(key)));  // SetValue: wxEVT_TEXT updates the criterion
    field->SetInsertionPointEnd();
    if (next && key <= '0' + core::kSacroiliitisGradeMax)
        next->SetFocus();
}

void PelvicFilmDialog::updateClassification() {
    core::Validation problems;
    const auto left = readGrade(m_left, kLeftField, problems);
    const auto right = readGrade(m_right, kRightField, problems);
    m_marker.show(problems.problems(), m_summary);
    m_classification->SetLabel(
        problems.hasErrors()
            ? _("Modified New York radiological criterion: assessed once both grades are 0 to 4")
            : wxString::Format(_("Modified New York radiological criterion: %s"),
                               newYorkText(core::assessModifiedNewYork(left, right))));
    relayout();
}

void PelvicFilmDialog::relayout() {
    // Message lines appear under the fields: the dialog grows to show them (it never shrinks while open).
    InvalidateBestSize();
    wxSize size = GetSize();
    size.IncTo(GetBestSize());
    SetSize(size);
    Layout();
}

wxString PelvicFilmDialog::classification() const {
    return m_classification->GetLabel();
}

wxString PelvicFilmDialog::problems() const {
    wxString text;
    for (const char* name :
         {"film_date_message", "reader_message", "left_message", "right_message", "summary"}) {
        const auto* line = XRCCTRL(*this, name, wxStaticText);
        if (line->IsShown() && !line->GetLabel().empty())
            text += (text.empty() ? "" : "\n") + line->GetLabel();
    }
    return text;
}

void PelvicFilmDialog::TransferTo(const core::PelvicFilmReading& grading) {
    m_date->ChangeValue(dateText(grading.film.date));
    m_reader->ChangeValue(fromUtf8(grading.reader));
    m_left->ChangeValue(grading.film.left ? wxString::Format("%d", *grading.film.left) : wxString());
    m_right->ChangeValue(grading.film.right ? wxString::Format("%d", *grading.film.right) : wxString());
    updateClassification();
    m_modified = false;
    fitToDisplay(this);
    // In the order of the paper: date (selected, so typing replaces it), reader, left, right.
    m_date->SetFocus();
    m_date->SelectAll();
}

bool PelvicFilmDialog::TransferFrom(core::PelvicFilmReading& grading) {
    core::Validation problems;
    core::PelvicFilmReading result;
    result.reader = toUtf8(m_reader->GetValue().Strip(wxString::both));
    bool dated = true;
    try {
        result.film.date = core::parseIsoDate(trimmedText(m_date), kDateField);
    } catch (const core::ValidationError& error) {
        appendProblems(problems, error);
        dated = false;
    }
    result.film.left = readGrade(m_left, kLeftField, problems);
    result.film.right = readGrade(m_right, kRightField, problems);
    if (dated)
        problems.append(core::validatePelvicFilm(result.film, m_context.patient.birth, today()));
    wxWindow* first = m_marker.show(problems.problems(), m_summary);
    relayout();
    if (problems.hasErrors()) {
        if (first)
            first->SetFocus();
        return false;
    }
    grading = result;
    return true;
}

bool PelvicFilmDialog::trySave() {
    core::PelvicFilmReading grading;
    if (!TransferFrom(grading)) {
        setMessageLine(m_summary, _("Please correct the fields marked in red."), 500);
        relayout();
        return false;
    }
    try {
        m_save(grading);
    } catch (const core::ValidationError& refusal) {
        // Storage's refusals (an unregistered reader, a side not graded) under their field.
        if (wxWindow* first = m_marker.show(refusal.problems(), m_summary))
            first->SetFocus();
        relayout();
        return false;
    } catch (const Error& refusal) {
        setMessageLine(m_summary, fromUtf8(refusal.what()), 500);
        relayout();
        return false;
    }
    m_saved = grading;
    m_modified = false;
    endDialog(this, wxID_OK);
    return true;
}

bool PelvicFilmDialog::tryCancel() {
    return cancelEditing(this, m_modified, _("This pelvic film has unsaved changes. Discard them?"),
                         _("&Keep editing"));
}

bool editPelvicFilm(wxWindow* parent, const PelvicFilmContext& context, core::PelvicFilmReading& grading,
                    const SavePelvicFilm& save) {
    PelvicFilmDialog dialog(parent, context, save);
    dialog.SetTitle(grading.reader.empty() ? _("New pelvic film") : _("Edit pelvic film"));
    dialog.TransferTo(grading);
    if (dialog.ShowModal() != wxID_OK)
        return false;
    grading = dialog.saved();
    return true;
}

}  // namespace ankylos::ui
