// Tools > Clinic settings... (issue 17): the named settings with their defaults and each DXA
// device's LSC, changed in place with a reason; a value refused names the setting, the value and
// what is allowed before any reason is asked, and nothing is written.
#include "ui/clinic_settings_dialog.h"

#include <gtest/gtest.h>

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "storage/audit.h"
#include "storage/patient_repository.h"
#include "storage/sample_records.h"
#include "storage/settings_store.h"
#include "storage/visit_repository.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

class ClinicSettingsDialogTest : public TempDatabaseTest {
protected:
    ClinicSettingsDialogTest() {
        // A visit whose DXA scans name two devices, so the LSC choice lists them.
        const std::int64_t patient = storage::PatientRepository(m_db).add(storage::test::fullPatient());
        storage::VisitRepository(m_db).add(patient, storage::test::fullVisit(core::Date(2024, 5, 2)));
    }
    std::int64_t trailLength() {
        return static_cast<std::int64_t>(storage::auditRowsFor(m_db, storage::AuditAction::Update).size());
    }
    storage::Database m_db{databasePath(), "dr.zhang", storage::Open::CreateNew};
};

TEST_F(ClinicSettingsDialogTest, ChangesASettingAndAnLscWithAReasonAndNamesWhatItRefuses) {
    DialogResponder responder;
    ClinicSettingsDialog dialog(nullptr, m_db);
    dialog.Show();
    pumpWindowEvents(300);
    const auto settings = core::Settings().describe();
    ASSERT_EQ(dialog.settingsTable()->GetItemCount(), static_cast<int>(settings.size()));
    EXPECT_EQ(dialog.lscTable()->GetItemText(0), "none configured");

    // Refused before any reason is asked (the responder has no answer queued): nothing written.
    const std::int64_t before = trailLength();
    ASSERT_TRUE(dialog.selectSetting("treatment.exposed_fraction"));
    EXPECT_EQ(dialog.valueField()->GetValue(), "0.5");
    dialog.valueField()->SetValue("1.5");
    EXPECT_FALSE(dialog.changeSetting());
    const wxString refusal = dialog.message()->GetLabel();
    EXPECT_TRUE(refusal.Contains("treatment.exposed_fraction") && refusal.Contains("1.5") &&
                refusal.Contains("at most 1"))
        << refusal;
    EXPECT_EQ(dialog.valueField()->GetValue(), "1.5") << "what was typed stays";
    EXPECT_EQ(trailLength(), before);

    dialog.valueField()->SetValue("0.75");
    responder.then(giveReason("cohort protocol v2"));
    EXPECT_TRUE(dialog.changeSetting()) << dialog.message()->GetLabel();
    EXPECT_EQ(storage::readSettings(m_db).treatment.exposedFraction, 0.75);
    EXPECT_EQ(trailLength(), before + 1);
    const long row = dialog.settingsTable()->FindItem(-1, "treatment.exposed_fraction");
    ASSERT_GE(row, 0);
    EXPECT_EQ(dialog.settingsTable()->GetItemText(row, 1), "0.75");
    EXPECT_EQ(dialog.settingsTable()->GetItemText(row, 2), "0.5") << "the default beside it";

    // An LSC for one of the devices the scans name.
    ASSERT_EQ(dialog.deviceChoice()->GetCount(), 2u);
    EXPECT_EQ(dialog.deviceChoice()->GetString(1), "Hologic Discovery A");
    dialog.deviceChoice()->SetSelection(1);
    dialog.siteChoice()->SetSelection(0);  // lumbar spine
    dialog.lscField()->SetValue("0");
    EXPECT_FALSE(dialog.setLsc());
    EXPECT_TRUE(dialog.message()->GetLabel().Contains("LSC")) << dialog.message()->GetLabel();
    EXPECT_TRUE(storage::readDeviceLsc(m_db).empty());
    dialog.lscField()->SetValue("0.028");
    responder.then(giveReason("precision study 2026"));
    EXPECT_TRUE(dialog.setLsc()) << dialog.message()->GetLabel();
    const auto lsc = storage::readDeviceLsc(m_db);
    ASSERT_EQ(lsc.size(), 1u);
    EXPECT_EQ(lsc[0].device, (core::DxaDevice{"Hologic", "Discovery A"}));
    EXPECT_EQ(lsc[0].site, core::BmdSite::LumbarSpine);
    EXPECT_EQ(lsc[0].lsc, 0.028);
    EXPECT_EQ(dialog.lscTable()->GetItemText(0, 2), "0.028");
    pumpWindowEvents(200);
    saveScreenshot(&dialog, "clinic_settings_dialog");

    // Removed again, with its reason.
    dialog.lscTable()->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    responder.then(giveReason("device retired"));
    EXPECT_TRUE(dialog.removeLsc());
    EXPECT_TRUE(storage::readDeviceLsc(m_db).empty());
    EXPECT_EQ(trailLength(), before + 3);
    EXPECT_EQ(responder.pending(), 0u);
}

}  // namespace ankylos::ui::test
