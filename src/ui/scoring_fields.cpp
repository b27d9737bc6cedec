#include "ui/scoring_fields.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

#include "core/format.h"
#include "ui/display.h"
#include "ui/editor_fields.h"
#include "ui/film_site_views.h"
#include "ui/reader_choice.h"

namespace ankylos::ui {

const std::array<core::NotAssessableReason, 4>& notAssessableReasons() {
    static const std::array<core::NotAssessableReason, 4> reasons = {
        core::NotAssessableReason::NotVisible, core::NotAssessableReason::NotImaged,
        core::NotAssessableReason::SurgeryHardware, core::NotAssessableReason::Other};
    return reasons;
}

int reasonIndex(core::NotAssessableReason reason) {
    const auto& reasons = notAssessableReasons();
    return static_cast<int>(std::find(reasons.begin(), reasons.end(), reason) - reasons.begin());
}

void fillReasonChoice(wxChoice* choice) {
    choice->Clear();
    for (core::NotAssessableReason reason : notAssessableReasons())
        choice->Append(reasonText(reason));
    choice->SetSelection(0);
}

std::optional<core::NotAssessableReason> reasonForKey(int keyCode, wxChar unicodeKey) {
    if (unicodeKey >= '1' && unicodeKey <= '4')
        return notAssessableReasons()[static_cast<std::size_t>(unicodeKey - '1')];
    if (keyCode == WXK_RETURN || keyCode == WXK_NUMPAD_ENTER)
        return notAssessableReasons()[0];
    return std::nullopt;
}

wxString reasonPrompt() {
    return _(
        "not assessable; press the reason: 1 not visible, 2 not imaged, 3 surgery / hardware, 4 other "
        "(Enter: not visible, Esc: back)");
}

void setUpReaderBox(wxComboBox* box, wxButton* addButton, const std::vector<std::string>& readers,
                    bool canAddReader) {
    wxArrayString names;
    for (const std::string& reader : readers)
        names.Add(fromUtf8(reader));
    box->Append(names);
    box->AutoComplete(names);
    addButton->Show(canAddReader);
}

std::string checkedReader(wxComboBox* box, const std::vector<std::string>& readers,
                          core::Validation& problems) {
    const std::string typed = toUtf8(box->GetValue().Strip(wxString::both));
    const std::string reader = registeredReaderIn(box, readers);
    if (typed.empty())
        problems.addError("reader", "", toUtf8(_("the reader's name")));
    else if (reader.empty())
        problems.addError(
            "reader", typed,
            toUtf8(wxString::Format(_("a registered reader (%s); Add reader... registers a new one"),
                                    readers.empty() ? _("none yet") : fromUtf8(core::joinNames(readers)))));
    else
        box->ChangeValue(fromUtf8(reader));  // the registered spelling
    return reader;
}

bool lockChronologyOnceSeen(wxCheckBox* chronology, bool seen, const wxString& seenTip,
                            const wxString& unseenTip) {
    // What is recorded is what happened: a reader who saw their previous grades knew which image is
    // the earlier one, even after hiding them again.
    const bool ticked = seen && !chronology->GetValue();
    if (ticked)
        chronology->SetValue(true);
    chronology->Enable(!seen);
    chronology->SetToolTip(seen ? seenTip : unseenTip);
    return ticked;
}

std::optional<ReadingHeader> readReadingHeader(const ReadingHeaderFields& fields,
                                               const std::vector<std::string>& readers,
                                               std::optional<core::Date> birth, int wrapWidth,
                                               bool birthShown) {
    core::Validation problems;
    ReadingHeader header;
    header.reader = checkedReader(fields.reader, readers, problems);
    header.readingDate = readDate(fields.readingDate, "reading date", problems);
    if (header.readingDate) {
        core::checkClinicalDate(problems, "reading date", *header.readingDate,
                                birthShown ? birth : std::nullopt, today());
        if (!birthShown && birth && *header.readingDate < *birth)
            problems.addError("reading date", core::toIsoString(*header.readingDate),
                              "a date after the patient's birth");
    }
    header.chronologyKnown = fields.chronology->GetValue();
    wxString text;
    for (const core::Problem& problem : problems.errors())
        text += (text.empty() ? "" : "\n") + fromUtf8(problem.message());
    setMessageLine(fields.topLine, text, wrapWidth);
    if (!problems.hasErrors())
        return header;
    (header.reader.empty() ? static_cast<wxWindow*>(fields.reader) : fields.readingDate)->SetFocus();
    return std::nullopt;
}

}  // namespace ankylos::ui
