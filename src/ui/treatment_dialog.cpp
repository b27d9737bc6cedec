#include "ui/treatment_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "core/error.h"
#include "ui/display.h"

namespace ankylos::ui {

namespace {

// The dialog's fields as core names them after the drug ("Adalimumab start date", core/treatment.h).
constexpr const char* kFields[][2] = {{"drug", "drug"},
                                      {"brand", "brand"},
                                      {"start", "start date"},
                                      {"stop", "stop date"},
                                      {"dose", "dose and frequency"},
                                      {"stop_reason", "reason for stopping"}};

/// The catalogue drug whose label (or ID) was typed, ignoring case; nullptr when none.
const core::Drug* typedDrug(const wxString& typed) {
    const wxString text = typed.Strip(wxString::both);
    for (const core::Drug& drug : core::drugCatalogue())
        if (text.CmpNoCase(fromUtf8(drug.label)) == 0 || text.CmpNoCase(coreText(drug.label)) == 0 ||
            text.CmpNoCase(fromUtf8(drug.id)) == 0 || text.CmpNoCase(drugText(drug.id)) == 0)
            return &drug;
    return nullptr;
}

}  // namespace

wxString drugLabel(const std::string& drugId) {
    const core::Drug* drug = core::findDrug(drugId);
    return drug ? coreText(drug->label) : fromUtf8(drugId);
}

wxString drugText(const std::string& drugId) {
    const core::Drug* drug = core::findDrug(drugId);
    if (!drug)
        return fromUtf8(drugId);
    // A translated name keeps the international one beside it: both are typed, and both are on packs.
    wxString name = coreText(drug->label);
    if (name != fromUtf8(drug->label))
        name += " " + fromUtf8(drug->label);
    return wxString::Format("%s (%s, %s)", name, coreText(core::drugClassLabel(drug->drugClass)),
                            fromUtf8(drug->atcCode));
}

TreatmentDialog::TreatmentDialog(wxWindow* parent, TreatmentEntry entry, const core::Patient& patient,
                                 const SaveTreatment& save, const core::TreatmentEpisode* previous)
    : m_entry(entry), m_patient(patient), m_save(save) {
    loadDialogLayout(this, parent, "TreatmentDialog");
    m_drug = XRCCTRL(*this, "drug", wxComboBox);
    m_brand = XRCCTRL(*this, "brand", wxTextCtrl);
    m_start = XRCCTRL(*this, "start", wxTextCtrl);
    m_stop = XRCCTRL(*this, "stop", wxTextCtrl);
    m_dose = XRCCTRL(*this, "dose", wxTextCtrl);
    m_route = XRCCTRL(*this, "route", wxChoice);
    m_stopReason = XRCCTRL(*this, "stop_reason", wxChoice);
    m_drugClass = XRCCTRL(*this, "drug_class", wxStaticText);
    m_summary = XRCCTRL(*this, "summary", wxStaticText);
    for (const auto& [name, field] : kFields)
        m_marker.add(FindWindow(name), field,
                     XRCCTRL(*this, (std::string(name) + "_message").c_str(), wxStaticText));

    wxArrayString drugs;
    for (const core::Drug& drug : core::drugCatalogue())
        drugs.Add(drugText(drug.id));
    m_drug->Append(drugs);
    m_drug->AutoComplete(drugs);
    for (core::Route route : core::allRoutes())
        m_route->Append(coreText(core::routeLabel(route)));
    m_stopReason->Append(_("not recorded"));
    for (core::StopReason reason : core::allStopReasons())
        m_stopReason->Append(coreText(core::stopReasonLabel(reason)));

    if (entry == TreatmentEntry::Stop) {
        // Only when and why: the rest is the saved episode's.
        for (wxWindow* fixed : std::initializer_list<wxWindow*>{m_drug, m_brand, m_start, m_dose, m_route})
            fixed->Disable();
    }
    if (entry == TreatmentEntry::Switch && previous) {
        // The next drug is ongoing; the reason is why the previous one was stopped.
        m_stop->Hide();
        XRCCTRL(*this, "stop_label", wxStaticText)->Hide();
        XRCCTRL(*this, "stop_reason_label", wxStaticText)
            ->SetLabel(wxString::Format(_("Reason for stopping %s:"), drugLabel(previous->drugId)));
        auto* context = XRCCTRL(*this, "context", wxStaticText);
        context->SetLabel(wxString::Format(_("Switching from %s, taken since %s: it stops the day before "
                                             "the next drug starts."),
                                           drugText(previous->drugId), dateText(previous->start)));
        context->Show();
    }
    const auto changed = [this](wxCommandEvent& event) {
        event.Skip();
        m_modified = true;
        updateDrugClass();
    };
    m_route->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
        event.Skip();
        m_routeKept = true;
    });
    Bind(wxEVT_TEXT, changed);
    Bind(wxEVT_COMBOBOX, changed);
    Bind(wxEVT_CHOICE, changed);
    bindSaveAndCancel(
        this, [this] { return trySave(); }, [this] { return tryCancel(); });
    // Keyboard first: Enter saves from any field (but picks from an open drug list), Esc cancels.
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

void TreatmentDialog::updateDrugClass() {
    const core::Drug* drug = typedDrug(m_drug->GetValue());
    if (drug && !m_routeKept)
        m_route->SetSelection(static_cast<int>(drug->usualRoute));
    m_drugClass->SetLabel(drug ? wxString::Format(_("Class: %s; WHO ATC code %s"),
                                                  coreText(core::drugClassLabel(drug->drugClass)),
                                                  fromUtf8(drug->atcCode))
                               : wxString());
}

void TreatmentDialog::relayout() {
    InvalidateBestSize();
    wxSize size = GetSize();
    size.IncTo(GetBestSize());
    SetSize(size);
    Layout();
}

wxString TreatmentDialog::problems() const {
    wxString text;
    for (const auto& [name, field] : kFields) {
        const auto* line = XRCCTRL(*this, (std::string(name) + "_message").c_str(), wxStaticText);
        if (line->IsShown() && !line->GetLabel().empty())
            text += (text.empty() ? "" : "\n") + line->GetLabel();
    }
    if (m_summary->IsShown() && !m_summary->GetLabel().empty())
        text += (text.empty() ? "" : "\n") + m_summary->GetLabel();
    return text;
}

wxWindow* TreatmentDialog::showProblems(const std::vector<core::Problem>& problems) {
    std::vector<core::Problem> shown = problems;
    for (core::Problem& problem : shown)
        for (const auto& [name, field] : kFields) {
            const std::string suffix = std::string(" ") + field;
            if (problem.field.size() > suffix.size() &&
                problem.field.compare(problem.field.size() - suffix.size(), suffix.size(), suffix) == 0)
                problem.field = field;
        }
    return m_marker.show(shown, m_summary);
}

void TreatmentDialog::TransferTo(const core::TreatmentEpisode& episode) {
    m_drug->ChangeValue(episode.drugId.empty() ? wxString() : drugText(episode.drugId));
    m_brand->ChangeValue(fromUtf8(episode.brand));
    m_start->ChangeValue(dateText(episode.start));
    m_stop->ChangeValue(episode.stop ? dateText(*episode.stop) : wxString());
    m_dose->ChangeValue(fromUtf8(episode.doseAndFrequency));
    m_route->SetSelection(static_cast<int>(episode.route));
    m_routeKept = !episode.drugId.empty();
    m_stopReason->SetSelection(episode.stopReason ? static_cast<int>(*episode.stopReason) + 1 : 0);
    if (m_entry == TreatmentEntry::Stop && !episode.stop)
        m_stop->ChangeValue(dateText(today()));
    updateDrugClass();
    m_modified = false;
    fitToDisplay(this);
    wxTextCtrl* first = m_entry == TreatmentEntry::Stop ? m_stop : nullptr;
    if (first) {
        first->SetFocus();
        first->SelectAll();
    } else {
        m_drug->SetFocus();
    }
}

bool TreatmentDialog::TransferFrom(core::TreatmentEpisode& episode) {
    core::Validation problems;
    core::TreatmentEpisode result;
    const core::Drug* drug = typedDrug(m_drug->GetValue());
    if (drug)
        result.drugId = drug->id;
    else
        problems.addError("drug", toUtf8(m_drug->GetValue()),
                          "a drug of the catalogue: type its first letters");
    result.brand = trimmedText(m_brand);
    result.doseAndFrequency = trimmedText(m_dose);
    result.route = core::allRoutes()[static_cast<std::size_t>(std::max(0, m_route->GetSelection()))];
    const auto start = readDate(m_start, "start date", problems);
    if (!start && trimmedText(m_start).empty())
        problems.addError("start date", "", "the first day on the drug, YYYY-MM-DD");
    result.stop = m_stop->IsShown() ? readDate(m_stop, "stop date", problems) : std::nullopt;
    if (m_stopReason->GetSelection() > 0)
        result.stopReason =
            core::allStopReasons()[static_cast<std::size_t>(m_stopReason->GetSelection() - 1)];
    if (start) {
        result.start = *start;
        // A switch's reason is the previous episode's: the next one is ongoing.
        core::TreatmentEpisode checked = result;
        if (m_entry == TreatmentEntry::Switch)
            checked.stopReason.reset();
        if (drug)
            problems.append(core::validateTreatmentEpisode(checked, m_patient.birth, today()));
    }
    wxWindow* first = showProblems(problems.problems());
    relayout();
    if (problems.hasErrors()) {
        if (first)
            first->SetFocus();
        return false;
    }
    episode = result;
    return true;
}

bool TreatmentDialog::trySave() {
    core::TreatmentEpisode episode;
    if (!TransferFrom(episode)) {
        setMessageLine(m_summary, _("Please correct the fields marked in red."), 500);
        relayout();
        return false;
    }
    try {
        m_save(episode);
    } catch (const core::ValidationError& refusal) {
        // The course's refusals (the same drug on a day it is already given) under their field.
        if (wxWindow* first = showProblems(refusal.problems()))
            first->SetFocus();
        relayout();
        return false;
    } catch (const Error& refusal) {
        setMessageLine(m_summary, fromUtf8(refusal.what()), 500);
        relayout();
        return false;
    }
    m_saved = episode;
    m_modified = false;
    endDialog(this, wxID_OK);
    return true;
}

bool TreatmentDialog::tryCancel() {
    return cancelEditing(this, m_modified, _("This treatment has unsaved changes. Discard them?"),
                         _("&Keep editing"));
}

bool editTreatment(wxWindow* parent, TreatmentEntry entry, const core::Patient& patient,
                   core::TreatmentEpisode& episode, const SaveTreatment& save,
                   const core::TreatmentEpisode* previous) {
    TreatmentDialog dialog(parent, entry, patient, save, previous);
    const wxString titles[] = {_("New treatment"), _("Correct treatment"), _("Stop treatment"),
                               _("Switch treatment")};
    dialog.SetTitle(titles[static_cast<int>(entry)]);
    dialog.TransferTo(episode);
    if (dialog.ShowModal() != wxID_OK)
        return false;
    episode = dialog.saved();
    return true;
}

}  // namespace ankylos::ui
