// The pelvic film dialog (issue 17): grades typed with one key each, the modified New York criterion
// (docs/methods.md 7) following live under the fields, a grade outside 0-4 named with its field,
// value and range, storage's refusals under their field, Enter saves and Esc cancels.
#include "ui/pelvic_film_dialog.h"

#include <gtest/gtest.h>

#include <wx/button.h>
#include <wx/textdlg.h>
#include <wx/xrc/xmlres.h>

#include <wx/combobox.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;

const wxString kCriterion = "Modified New York radiological criterion: ";

}  // namespace

class PelvicFilmDialogTest : public TempDatabaseTest {
protected:
    PelvicFilmDialogTest() {
        m_context.patient.clinicId = "AS-0004";
        m_context.patient.name = "Keyboard Entry";
        m_context.patient.birth = date(1980, 1, 1);
        m_patientId = storage::PatientRepository(m_db).add(m_context.patient);
        m_context.readers = {storage::ReaderRepository(m_db).add("Dr Lee").name};
    }
    /// Real key presses (XTest) to the focused window, each followed by GTK's events.
    void type(const char* text) {
        wxUIActionSimulator keys;
        keys.Text(text);
        pumpWindowEvents(100);
    }
    void press(int key) {
        wxUIActionSimulator keys;
        keys.Char(key);
        pumpWindowEvents(300);
    }
    /// The dialog, shown modelessly on a new grading of 2021-03-04, its reader typed.
    std::unique_ptr<PelvicFilmDialog> open() {
        auto dialog = std::make_unique<PelvicFilmDialog>(nullptr, m_context, [this](const auto& grading) {
            storage::FilmRepository(m_db).addPelvicFilm(m_patientId, grading.reader, grading.film);
        });
        dialog->TransferTo({"", {date(2021, 3, 4), std::nullopt, std::nullopt}});
        dialog->Show();
        pumpWindowEvents(300);
        return dialog;
    }
    std::vector<core::PelvicFilmReading> stored() {
        return storage::HistoryReader(m_db).load(m_patientId)->pelvicFilms;
    }

    storage::Database m_db{databasePath(), "dr.zhang", storage::Open::CreateNew};
    std::int64_t m_patientId = 0;
    PelvicFilmContext m_context;
};

TEST_F(PelvicFilmDialogTest, ADigitSetsAGradeTheCriterionFollowsAndEnterSaves) {
    auto dialog = open();
    EXPECT_EQ(wxWindow::FindFocus(), dialog->filmDate()) << "the date first, as on the paper form";
    EXPECT_EQ(dialog->classification(),
              kCriterion + "not evaluable: sacroiliitis grade left and right not recorded");
    dialog->left()->SetFocus();
    pumpWindowEvents(100);
    type("3");
    EXPECT_EQ(dialog->left()->GetValue(), "3");
    EXPECT_EQ(wxWindow::FindFocus(), dialog->right()) << "a grade 0-4 moves on to the right side";
    // docs/methods.md 7: one side >= 3 meets the criterion whatever the other side is.
    EXPECT_EQ(dialog->classification(), kCriterion + wxString::FromUTF8("met (one side ≥ 3)"));
    type("1");
    dialog->left()->SetFocus();
    pumpWindowEvents(100);
    type("2");  // replaces the 3: one key per side
    EXPECT_EQ(dialog->left()->GetValue(), "2");
    EXPECT_EQ(dialog->classification(), kCriterion + "not met");

    dialog->right()->SetFocus();
    pumpWindowEvents(100);
    type("5");
    EXPECT_EQ(dialog->right()->GetValue(), "5");
    EXPECT_EQ(wxWindow::FindFocus(), dialog->right()) << "a grade outside 0-4 stays to be corrected";
    EXPECT_NE(dialog->problems().Find("sacroiliitis grade right: 5 is not allowed (allowed: 0 to 4)"),
              wxNOT_FOUND)
        << dialog->problems();
    dialog->reader()->SetValue("Dr Lee");
    press(WXK_RETURN);
    EXPECT_TRUE(dialog->IsShown()) << "a grade 5 is not saved";
    EXPECT_TRUE(stored().empty());
    saveScreenshot(dialog.get(), "pelvic_film_dialog_grade_5");

    type("2");
    // docs/methods.md 7: both sides >= 2 meets it.
    EXPECT_EQ(dialog->classification(), kCriterion + wxString::FromUTF8("met (both sides ≥ 2)"));
    EXPECT_TRUE(dialog->problems().empty()) << dialog->problems();
    saveScreenshot(dialog.get(), "pelvic_film_dialog");
    press(WXK_RETURN);
    EXPECT_FALSE(dialog->IsShown());
    EXPECT_EQ(dialog->GetReturnCode(), wxID_OK);
    const auto saved = stored();
    ASSERT_EQ(saved.size(), 1u);
    EXPECT_EQ(saved[0].reader, "Dr Lee");
    EXPECT_EQ(saved[0].film.date, date(2021, 3, 4));
    EXPECT_EQ(saved[0].film.left, 2);
    EXPECT_EQ(saved[0].film.right, 2);
}

TEST_F(PelvicFilmDialogTest, StorageRefusalsShowUnderTheirFieldAndTheDialogStaysOpen) {
    auto dialog = open();
    dialog->left()->SetValue("1");
    dialog->right()->SetValue("0");
    dialog->reader()->SetValue("Dr Nobody");
    EXPECT_FALSE(dialog->trySave());
    EXPECT_NE(
        dialog->problems().Find("reader: Dr Nobody is not allowed (allowed: a registered reader (Dr Lee))"),
        wxNOT_FOUND)
        << dialog->problems();
    dialog->reader()->SetValue("Dr Lee");
    dialog->right()->SetValue("");
    EXPECT_FALSE(dialog->trySave());
    EXPECT_NE(dialog->problems().Find("sacroiliitis grade"), wxNOT_FOUND) << dialog->problems();
    EXPECT_EQ(dialog->classification(), kCriterion + "not evaluable: sacroiliitis grade right not recorded");
    dialog->filmDate()->SetValue("2100-01-01");
    dialog->right()->SetValue("0");
    EXPECT_FALSE(dialog->trySave());
    EXPECT_NE(dialog->problems().Find("pelvic film date: 2100-01-01"), wxNOT_FOUND) << dialog->problems();
    EXPECT_TRUE(stored().empty());
}

TEST_F(PelvicFilmDialogTest, EscapeOnAnUntouchedDialogCancelsWithoutAsking) {
    auto dialog = open();
    DialogResponder responder;  // no question may come
    press(WXK_ESCAPE);
    EXPECT_FALSE(dialog->IsShown());
    EXPECT_EQ(dialog->GetReturnCode(), wxID_CANCEL);
    EXPECT_TRUE(responder.seen().empty());
}

// A reader not registered yet is registered from the dialog, as from film scoring; an account that
// may not register readers gets no button.
TEST_F(PelvicFilmDialogTest, AddReaderRegistersANewReaderAndChoosesIt) {
    EXPECT_FALSE(XRCCTRL(*open(), "add_reader", wxButton)->IsShown()) << "no way to register: no button";
    m_context.addReader = [this](const std::string& name) {
        return storage::ReaderRepository(m_db).add(name).name;
    };
    auto dialog = open();
    auto* add = XRCCTRL(*dialog, "add_reader", wxButton);
    ASSERT_TRUE(add->IsShown());
    DialogResponder responder;
    responder
        .then([](wxDialog& d) {
            dynamic_cast<wxTextEntryDialog&>(d).SetValue("Dr Okafor");
            return int(wxID_OK);
        })
        .thenReturn(wxID_YES);
    wxCommandEvent click(wxEVT_BUTTON, add->GetId());
    click.SetEventObject(add);
    add->GetEventHandler()->ProcessEvent(click);
    pumpEvents(20);
    EXPECT_EQ(dialog->reader()->GetValue(), "Dr Okafor");
    EXPECT_EQ(storage::ReaderRepository(m_db).list().size(), 2u);
    ASSERT_EQ(responder.seen().size(), 2u);
    EXPECT_NE(responder.seen()[1].find("Dr Lee"), std::string::npos) << "names the registered readers";
}

}  // namespace ankylos::ui::test
