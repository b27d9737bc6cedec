#include "ui/editor_fields.h"

#include <wx/dialog.h>
#include <wx/display.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>
#include <charconv>

#include "core/error.h"
#include "core/format.h"
#include "report/palette.h"
#include "ui/display.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

wxString fromUtf8(const std::string& text) {
    return wxString::FromUTF8(text.data(), text.size());
}

std::string toUtf8(const wxString& text) {
    const wxScopedCharBuffer buffer = text.utf8_str();
    return std::string(buffer.data(), buffer.length());
}

std::string trimmedText(const wxTextCtrl* control) {
    return toUtf8(control->GetValue().Strip(wxString::both));
}

void appendProblems(core::Validation& into, const core::ValidationError& error) {
    for (const core::Problem& problem : error.problems()) {
        if (problem.severity == core::Severity::Error)
            into.addError(problem.field, problem.value, problem.allowed);
        else
            into.addWarning(problem.field, problem.value, problem.allowed);
    }
}

std::optional<double> readNumber(const wxTextCtrl* control, const std::string& field,
                                 core::Validation& problems, const wxString& belowLimitAdvice) {
    const std::string advice = toUtf8(belowLimitAdvice);
    return readTyped(control, problems,
                     [&](const std::string& text) { return core::parseNumber(text, field, advice); });
}

std::optional<core::Date> readDate(const wxTextCtrl* control, const std::string& field,
                                   core::Validation& problems) {
    return readTyped(control, problems,
                     [&](const std::string& text) { return core::parseIsoDate(text, field); });
}

wxString numberText(const std::optional<double>& value) {
    if (!value)
        return wxString();
    // The shortest text that reads back as the same double (core::parseNumber uses from_chars), so
    // a stored value saved again unchanged stays bit-identical; locale-independent, as parsing is.
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, *value);
    return wxString::FromAscii(buffer, static_cast<size_t>(result.ptr - buffer));
}

std::string keptText(const wxTextCtrl* control, const std::string& stored) {
    const std::string typed = trimmedText(control);
    return typed == toUtf8(fromUtf8(stored).Strip(wxString::both)) ? stored : typed;
}

wxString dateText(const std::optional<core::Date>& date) {
    return date && !date->is_special() ? fromUtf8(core::toIsoString(*date)) : wxString();
}

void ProblemMarker::add(wxWindow* control, const std::string& field, wxStaticText* messageLine) {
    m_entries.push_back({control, field, messageLine});
    if (messageLine && std::find(m_lines.begin(), m_lines.end(), messageLine) == m_lines.end())
        m_lines.push_back(messageLine);
}

void ProblemMarker::remove(wxWindow* control) {
    m_entries.erase(std::remove_if(m_entries.begin(), m_entries.end(),
                                   [control](const Entry& entry) { return entry.control == control; }),
                    m_entries.end());
}

wxWindow* ProblemMarker::controlOf(const std::string& field) const {
    for (const Entry& entry : m_entries)
        if (entry.field == field)
            return entry.control;
    return nullptr;
}

wxStaticText* ProblemMarker::lineOf(const std::string& field) const {
    for (const Entry& entry : m_entries)
        if (entry.field == field)
            return entry.line;
    return nullptr;
}

wxWindow* ProblemMarker::show(const std::vector<core::Problem>& problems, wxStaticText* fallbackLine) {
    for (const Entry& entry : m_entries) {
        entry.control->SetBackgroundColour(wxNullColour);
        entry.control->Refresh();
    }
    std::vector<std::pair<wxStaticText*, wxString>> texts;
    auto textOf = [&](wxStaticText* line) -> wxString& {
        for (auto& [l, t] : texts)
            if (l == line)
                return t;
        texts.emplace_back(line, wxString());
        return texts.back().second;
    };
    for (wxStaticText* line : m_lines)
        textOf(line);
    if (fallbackLine)
        textOf(fallbackLine);

    wxWindow* firstError = nullptr;
    for (const core::Problem& problem : problems) {
        const bool error = problem.severity == core::Severity::Error;
        wxWindow* control = controlOf(problem.field);
        wxStaticText* line = control ? lineOf(problem.field) : fallbackLine;
        if (control) {
            // A warning never hides an error already marked on the same control.
            if (error || control->GetBackgroundColour() != errorBackground())
                control->SetBackgroundColour(error ? errorBackground() : warningBackground());
            control->Refresh();
            if (error && !firstError)
                firstError = control;
        }
        if (line) {
            wxString& text = textOf(line);
            if (!text.empty())
                text += "\n";
            text += fromUtf8(problem.message());
        }
    }
    for (auto& [line, text] : texts)
        setMessageLine(line, text,
                       line->GetContainingSizer() && line->GetContainingSizer()->GetSize().x > 100
                           ? line->GetContainingSizer()->GetSize().x
                           : m_wrapWidth);
    return firstError;
}

void setMessageLine(wxStaticText* line, const wxString& text, int wrapWidth) {
    if (line->GetLabel() == text && line->IsShown() == !text.empty())
        return;
    line->SetForegroundColour(errorColour());
    line->SetLabel(text);
    if (wrapWidth > 0)
        wrapLabel(line, wrapWidth);
    line->Show(!text.empty());
}

// The report's palette (src/report/palette.h), so a state or grade looks the same on screen and paper.
wxColour asdasStateColour(core::AsdasState state) {
    return screenColour(report::asdasStateColour(state));
}

wxColour gradeColour(int grade) {
    if (grade == -1)
        return wxColour(0xb0, 0xbe, 0xc5);  // not assessable: the report hatches it; a grey cell here
    if (grade < 0)
        return *wxWHITE;  // not scored yet
    return screenColour(report::gradeColour(grade));
}

wxColour gradeTextColour(int grade) {
    return grade >= 0 ? screenColour(report::gradeTextColour(grade)) : *wxBLACK;
}

wxColour errorColour() {
    return wxColour(0xb7, 0x1c, 0x1c);
}

wxColour errorBackground() {
    return wxColour(0xff, 0xcd, 0xd2);
}

wxColour warningBackground() {
    return wxColour(0xff, 0xec, 0xb3);
}

wxString asdasStateText(core::AsdasState state) {
    switch (state) {
        case core::AsdasState::Inactive:
            return _("inactive disease");
        case core::AsdasState::Low:
            return _("low disease activity");
        case core::AsdasState::High:
            return _("high disease activity");
        case core::AsdasState::VeryHigh:
            return _("very high disease activity");
    }
    return wxString();
}

void fitToDisplay(wxDialog* dialog) {
    dialog->Layout();
    wxSize best = dialog->GetBestSize();
    const int index = wxDisplay::GetFromWindow(dialog->GetParent() ? dialog->GetParent() : dialog);
    const wxRect area = wxDisplay(index == wxNOT_FOUND ? 0u : static_cast<unsigned>(index)).GetClientArea();
    best.DecTo(wxSize(area.GetWidth() - 24, area.GetHeight() - 24));
    dialog->SetSize(best);
    dialog->CentreOnScreen();
}

bool cancelEditing(wxDialog* dialog, bool modified, const wxString& question, const wxString& keepLabel) {
    if (modified) {
        wxMessageDialog ask(dialog, question, _("Unsaved changes"),
                            wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
        ask.SetYesNoLabels(_("&Discard changes"), keepLabel);
        if (ask.ShowModal() != wxID_YES)
            return false;
    }
    endDialog(dialog, wxID_CANCEL);
    return true;
}

void bindSaveAndCancel(wxDialog* dialog, const std::function<bool()>& trySave,
                       const std::function<bool()>& tryCancel) {
    dialog->Bind(
        wxEVT_BUTTON, [trySave](wxCommandEvent&) { trySave(); }, wxID_OK);
    dialog->Bind(
        wxEVT_BUTTON, [tryCancel](wxCommandEvent&) { tryCancel(); }, wxID_CANCEL);
    dialog->Bind(wxEVT_CLOSE_WINDOW, [tryCancel](wxCloseEvent& event) {
        if (!tryCancel() && event.CanVeto())
            event.Veto();
    });
}

bool saveOrShowRefusal(wxDialog* dialog, wxStaticText* line, int wrapWidth,
                       const std::function<void()>& save) {
    try {
        save();
    } catch (const Error& error) {
        setMessageLine(line, fromUtf8(error.what()), wrapWidth);
        dialog->Layout();
        return false;
    }
    return true;
}

bool confirmUnusualValues(wxWindow* parent, const std::vector<core::Problem>& warnings) {
    wxString list;
    for (const core::Problem& warning : warnings)
        list += "\n" + fromUtf8(warning.message());
    wxMessageDialog ask(parent,
                        _("These values are unusual:") + "\n" + list + "\n\n" + _("Save them as entered?"),
                        _("Confirm unusual values"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    ask.SetYesNoLabels(_("&Save as entered"), _("&Go back"));
    return ask.ShowModal() == wxID_YES;
}

void loadDialogLayout(wxDialog* dialog, wxWindow* parent, const char* name) {
    if (!wxXmlResource::Get()->LoadDialog(dialog, parent, name))
        throw InternalError(std::string("the ") + name + " layout is missing from the compiled XRC");
}

void endDialog(wxDialog* dialog, int code) {
    if (dialog->IsModal()) {
        dialog->EndModal(code);
    } else {
        dialog->SetReturnCode(code);
        dialog->Hide();
    }
}

}  // namespace ankylos::ui
