#include "ui/patient_editor.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "core/error.h"
#include "ui/display.h"

namespace ankylos::ui {

namespace {

// Choice positions, in the order of forms/patient_editor.xrc.
constexpr core::HlaB27 kHlaChoices[] = {core::HlaB27::Unknown, core::HlaB27::Positive,
                                        core::HlaB27::Negative};
constexpr core::SmokingStatus kSmokingChoices[] = {core::SmokingStatus::Unknown, core::SmokingStatus::Never,
                                                   core::SmokingStatus::Former, core::SmokingStatus::Current};

template <typename T, std::size_t N>
int indexOf(const T (&choices)[N], T value) {
    for (std::size_t i = 0; i < N; ++i)
        if (choices[i] == value)
            return static_cast<int>(i);
    return 0;
}

}  // namespace

PatientEditor::PatientEditor(wxWindow* parent, const SavePatient& save) : m_save(save) {
    loadDialogLayout(this, parent, "PatientEditor");
    m_clinicId = XRCCTRL(*this, "clinic_id", wxTextCtrl);
    m_name = XRCCTRL(*this, "name", wxTextCtrl);
    m_sex = XRCCTRL(*this, "sex", wxChoice);
    m_birth = XRCCTRL(*this, "birth", wxTextCtrl);
    m_hlaB27 = XRCCTRL(*this, "hla_b27", wxChoice);
    m_symptomOnset = XRCCTRL(*this, "symptom_onset", wxTextCtrl);
    m_diagnosis = XRCCTRL(*this, "diagnosis", wxTextCtrl);
    m_smoking = XRCCTRL(*this, "smoking", wxChoice);
    m_notes = XRCCTRL(*this, "notes", wxTextCtrl);
    m_summary = XRCCTRL(*this, "summary", wxStaticText);

    // Field names as core::validatePatient names them, so each problem lands under its field.
    const std::pair<wxWindow*, const char*> fields[] = {
        {m_clinicId, "patient ID"},
        {m_name, "name"},
        {m_sex, "sex"},
        {m_birth, "date of birth"},
        {m_symptomOnset, "symptom onset"},
        {m_diagnosis, "diagnosis date"},
    };
    for (const auto& [control, field] : fields)
        m_marker.add(control, field, XRCCTRL(*this, (control->GetName() + "_message").c_str(), wxStaticText));

    // Anything typed or chosen after TransferTo is a change the user is asked about before losing it.
    const auto changed = [this](wxCommandEvent& event) {
        event.Skip();
        m_modified = true;
    };
    Bind(wxEVT_TEXT, changed);
    Bind(wxEVT_CHOICE, changed);
    bindSaveAndCancel(
        this, [this] { return trySave(); }, [this] { return tryCancel(); });
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        if (event.GetKeyCode() == WXK_ESCAPE && event.GetModifiers() == wxMOD_NONE) {
            tryCancel();
            return;
        }
        event.Skip();
    });
    fitToDisplay(this);
    m_clinicId->SetFocus();
}

void PatientEditor::TransferTo(const core::Patient& patient) {
    m_clinicId->ChangeValue(fromUtf8(patient.clinicId));
    m_name->ChangeValue(fromUtf8(patient.name));
    // A new patient's sex has no default: a wrong one would pass unnoticed into every
    // sex-dependent rule (reference ranges, DXA categories), so the user must choose.
    const bool newPatient = patient.clinicId.empty();
    m_sex->SetSelection(newPatient ? wxNOT_FOUND : patient.sex == core::Sex::Female ? 1 : 0);
    m_birth->ChangeValue(dateText(patient.birth.is_special() ? std::nullopt : std::optional(patient.birth)));
    m_hlaB27->SetSelection(indexOf(kHlaChoices, patient.hlaB27));
    m_symptomOnset->ChangeValue(dateText(patient.symptomOnset));
    m_diagnosis->ChangeValue(dateText(patient.diagnosis));
    m_smoking->SetSelection(indexOf(kSmokingChoices, patient.smoking));
    m_notes->ChangeValue(fromUtf8(patient.notes));
    m_loaded = patient;
    m_modified = false;
}

bool PatientEditor::TransferFrom(core::Patient& patient) {
    core::Validation problems;
    core::Patient result;
    result.clinicId = keptText(m_clinicId, m_loaded.clinicId);
    result.name = keptText(m_name, m_loaded.name);
    result.sex = m_sex->GetSelection() == 1 ? core::Sex::Female : core::Sex::Male;
    if (m_sex->GetSelection() == wxNOT_FOUND)
        problems.addError("sex", "", toUtf8(_("male or female: choose one")));
    try {
        result.birth = core::parseIsoDate(trimmedText(m_birth), "date of birth");
    } catch (const core::ValidationError& error) {
        appendProblems(problems, error);
    }
    result.hlaB27 = kHlaChoices[std::max(0, m_hlaB27->GetSelection())];
    result.symptomOnset = readDate(m_symptomOnset, "symptom onset", problems);
    result.diagnosis = readDate(m_diagnosis, "diagnosis date", problems);
    result.smoking = kSmokingChoices[std::max(0, m_smoking->GetSelection())];
    result.notes = toUtf8(m_notes->GetValue());

    if (!result.birth.is_special()) {
        problems.append(core::validatePatient(result, today()));
    } else {
        // Without a readable date of birth the other checks still apply: ID, name, and the
        // other dates not in the future.
        core::Patient withoutDates = result;
        withoutDates.birth = today();
        withoutDates.symptomOnset.reset();
        withoutDates.diagnosis.reset();
        const core::Validation others = core::validatePatient(withoutDates, today());
        for (const core::Problem& problem : others.problems())
            if (problem.field != "date of birth")
                problems.addError(problem.field, problem.value, problem.allowed);
        if (result.symptomOnset)
            core::checkClinicalDate(problems, "symptom onset", *result.symptomOnset, std::nullopt, today());
        if (result.diagnosis)
            core::checkClinicalDate(problems, "diagnosis date", *result.diagnosis, std::nullopt, today());
    }
    wxWindow* first = m_marker.show(problems.problems(), m_summary);
    Layout();
    if (problems.hasErrors()) {
        if (first)
            first->SetFocus();
        return false;
    }
    patient = result;
    return true;
}

bool PatientEditor::trySave() {
    core::Patient patient;
    if (!TransferFrom(patient)) {
        setMessageLine(m_summary, _("Please correct the fields marked in red."), 500);
        Layout();
        return false;
    }
    // Soft limits (a diagnosis before the symptom onset) are saved only when confirmed, and the
    // confirmation goes to the audit row's reason (docs/methods.md 8).
    std::string confirmed;
    const std::vector<core::Problem> warnings = core::validatePatient(patient, today()).warnings();
    if (!warnings.empty()) {
        if (!confirmUnusualValues(this, warnings)) {
            setMessageLine(m_summary, _("Not saved: check the values marked in amber."), 500);
            Layout();
            return false;
        }
        confirmed = "confirmed:";
        for (const core::Problem& warning : warnings)
            confirmed += " " + warning.message();
    }
    if (!saveOrShowRefusal(this, m_summary, 500, [&] { m_save(patient, confirmed); }))
        return false;
    m_saved = patient;
    m_modified = false;
    endDialog(this, wxID_OK);
    return true;
}

bool PatientEditor::tryCancel() {
    return cancelEditing(this, m_modified, _("This patient has unsaved changes. Discard them?"),
                         _("&Keep editing"));
}

bool editPatient(wxWindow* parent, core::Patient& patient, const SavePatient& save) {
    PatientEditor dialog(parent, save);
    dialog.SetTitle(patient.clinicId.empty() ? _("New patient") : _("Edit patient"));
    dialog.TransferTo(patient);
    if (dialog.ShowModal() != wxID_OK)
        return false;
    patient = dialog.saved();
    return true;
}

}  // namespace ankylos::ui
