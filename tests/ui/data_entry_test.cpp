// The whole data-entry path by keyboard: a patient, a visit typed field by field with Tab, a film
// scored by typing 24 grades, each saved through the real repositories into a temporary database,
// which is then closed, reopened and read back value by value.
#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "core/format.h"
#include "core/visit.h"
#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/visit_repository.h"
#include "ui/film_scoring.h"
#include "ui/patient_editor.h"
#include "ui/visit_editor.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;

/// Keyboard input as data-entry staff give it: text into the focused field, Tab to the next field
/// in the dialog's tab order, Enter. wxUIActionSimulator's XTest key events do not reach GTK under
/// Xvfb without a window manager (the X focus is on the dialog, GTK receives nothing), and without
/// a window manager no window is active, so GTK reports no focus either. The keyboard therefore
/// keeps the focus itself and follows wx's tab order: depth first through the children in their
/// tab order (XRC order, MoveAfterInTabOrder), every shown, enabled window that takes the keyboard.
class Keyboard {
public:
    /// Puts the keyboard focus on window (as a click would).
    void focus(wxWindow* window) {
        m_focus = window;
        window->SetFocus();
        pumpEvents(30);
    }
    wxWindow* focused() const { return m_focus; }

    /// Types into the focused window: a text field gets the text at its insertion point (replacing
    /// the selection, as typing does); any other window (the spine diagram) gets one key per char.
    void type(const std::string& text) {
        ASSERT_NE(m_focus, nullptr) << "nothing has the keyboard focus";
        if (auto* field = wxDynamicCast(m_focus, wxTextCtrl)) {
            field->WriteText(wxString::FromUTF8(text));
        } else {
            for (char c : text)
                key(m_focus, c);
        }
        pumpEvents(30);
    }
    void tab() {
        ASSERT_NE(m_focus, nullptr);
        std::vector<wxWindow*> order;
        tabOrder(wxGetTopLevelParent(m_focus), order);
        auto it = std::find(order.begin(), order.end(), m_focus);
        ASSERT_NE(it, order.end()) << "the focused window is not in the tab order";
        ++it;
        focus(it == order.end() ? order.front() : *it);
    }
    void typeThenTab(const std::string& text) {
        if (!text.empty())
            type(text);
        tab();
    }
    /// Enter: in a text field it presses the dialog's default button; elsewhere it is a key.
    void enter() {
        ASSERT_NE(m_focus, nullptr);
        if (wxDynamicCast(m_focus, wxTextCtrl)) {
            auto* dialog = wxDynamicCast(wxGetTopLevelParent(m_focus), wxDialog);
            ASSERT_NE(dialog, nullptr);
            auto* button = wxDynamicCast(dialog->GetDefaultItem(), wxButton);
            ASSERT_NE(button, nullptr) << "the dialog has no default button for Enter";
            wxCommandEvent click(wxEVT_BUTTON, button->GetId());
            click.SetEventObject(button);
            button->GetEventHandler()->ProcessEvent(click);
        } else {
            key(m_focus, WXK_RETURN);
        }
        pumpEvents(50);
    }

private:
    static void tabOrder(wxWindow* parent, std::vector<wxWindow*>& order) {
        for (wxWindow* child : parent->GetChildren()) {
            if (!child->IsShown() || !child->IsEnabled() || child->IsTopLevel())
                continue;
            if (!child->GetChildren().empty() && !wxDynamicCast(child, wxTextCtrl))
                tabOrder(child, order);
            else if (child->AcceptsFocusFromKeyboard())
                order.push_back(child);
        }
    }
    static void key(wxWindow* window, int code) {
        wxKeyEvent hook(wxEVT_CHAR_HOOK);
        hook.m_keyCode = code;
        hook.m_uniChar = code;
        hook.SetEventObject(window);
        // The dialog sees every key first (Esc), as with real keys; a skipped key goes on as a char.
        if (wxGetTopLevelParent(window)->GetEventHandler()->ProcessEvent(hook))
            return;
        wxKeyEvent event(wxEVT_CHAR);
        event.m_keyCode = code;
        event.m_uniChar = code;
        event.SetEventObject(window);
        window->GetEventHandler()->ProcessEvent(event);
    }
    wxWindow* m_focus = nullptr;
};

}  // namespace

class DataEntry : public TempDatabaseTest {};

TEST_F(DataEntry, PatientVisitAndFilmTypedByKeyboardSurviveReopeningTheDatabase) {
    std::int64_t patientId = 0;
    core::Patient patient;
    Keyboard keys;
    {
        storage::Database db(databasePath());
        storage::PatientRepository patients(db);
        storage::VisitRepository visits(db);
        storage::FilmRepository films(db);

        // --- the patient: ID by keyboard, the Chinese name set directly (the simulator types ASCII only)
        {
            PatientEditor editor(nullptr, [&](const core::Patient& p) { patientId = patients.add(p); });
            editor.TransferTo(core::Patient{});
            editor.Show();
            pumpEvents(200);
            keys.focus(XRCCTRL(editor, "clinic_id", wxTextCtrl));
            keys.typeThenTab("AX-0042");
            XRCCTRL(editor, "name", wxTextCtrl)->ChangeValue(wxString::FromUTF8("王小明 Wang Xiaoming"));
            keys.focus(XRCCTRL(editor, "birth", wxTextCtrl));
            keys.typeThenTab("1980-02-29");  // sex stays male (the choice is passed with Tab above)
            keys.focus(XRCCTRL(editor, "symptom_onset", wxTextCtrl));
            keys.typeThenTab("2001-06-15");
            keys.typeThenTab("2005-01-10");
            keys.focus(XRCCTRL(editor, "birth", wxTextCtrl));
            keys.enter();
            pumpEvents(200);
            ASSERT_NE(patientId, 0) << "Enter did not save the patient: "
                                    << XRCCTRL(editor, "summary", wxStaticText)->GetLabel().utf8_str()
                                    << " / "
                                    << XRCCTRL(editor, "clinic_id", wxTextCtrl)->GetValue().utf8_str()
                                    << " / " << XRCCTRL(editor, "birth", wxTextCtrl)->GetValue().utf8_str()
                                    << " / "
                                    << XRCCTRL(editor, "birth_message", wxStaticText)->GetLabel().utf8_str();
            EXPECT_EQ(editor.GetReturnCode(), wxID_OK);
            patient = editor.saved();
        }
        EXPECT_EQ(patient.clinicId, "AX-0042");
        EXPECT_EQ(patient.birth, date(1980, 2, 29));

        // --- an earlier film read by the same reader, so events show against it
        const std::int64_t earlierFilm = films.addFilm(patientId, date(2021, 3, 1));
        core::Reading earlier =
            core::parseReading("0,0,1,1,0,0,0,0,0,0,0,0,1,1,0,0,0,0,0,0,0,0,0,0", "Dr Lee");
        earlier.readingDate = date(2021, 3, 10);
        films.addReading(earlierFilm, earlier);

        // --- the visit, every field by keyboard in the paper form's order
        bool confirmed = true;
        VisitEditor editor(nullptr, patient, {}, core::Settings{},
                           [&](const core::Visit& v, bool warningsConfirmed) {
                               visits.add(patientId, v, warningsConfirmed);
                               confirmed = warningsConfirmed;
                           });
        editor.TransferTo(core::Visit{});
        editor.Show();
        pumpEvents(300);
        keys.focus(XRCCTRL(editor, "visit_date", wxTextCtrl));
        XRCCTRL(editor, "visit_date", wxTextCtrl)->SelectAll();
        for (const char* text :
             {"2023-05-04",                                     // date (male: no menopausal status)
              "6",          "7",  "3",   "4",  "5",  "6",  "",  // BASDAI Q1-Q6, Q6 minutes
              "6.5",                                            // patient global
              "2",          "3",  "4",   "5",  "1",  "2",  "3",  "4", "5", "6",  // BASFI Q1-Q10
              "14",         "15", "3.5", "60", "62", "12", "11", "95"})          // BASMI
            keys.typeThenTab(text);
        keys.typeThenTab("12");                            // CRP value
        keys.typeThenTab("");                              // CRP unit stays mg/L
        keys.typeThenTab("");                              // not below the detection limit
        keys.typeThenTab("28");                            // ESR
        for (const char* text : {"0.912", "-1.8", "-1.6",  // lumbar spine BMD, T, Z
                                 "0.701", "-2.6", "-2.2",  // femoral neck
                                 "", "", "", "", "", "",   // total hip, 1/3 radius not measured
                                 "L1-L4", "Hologic", "Horizon A"})
            keys.typeThenTab(text);
        EXPECT_EQ(XRCCTRL(editor, "bmd_model", wxTextCtrl)->GetValue(), "Horizon A")
            << "the tab order lost a field";
        // The computed scores followed the typing (values from core, checked against core below).
        EXPECT_EQ(XRCCTRL(editor, "score_basdai", wxStaticText)->GetLabel(), "5.1");
        saveScreenshot(&editor, "visit_editor_filled");
        keys.focus(XRCCTRL(editor, "visit_date", wxTextCtrl));
        keys.enter();
        pumpEvents(300);
        ASSERT_EQ(editor.GetReturnCode(), wxID_OK)
            << "Enter did not save: " << XRCCTRL(editor, "summary", wxStaticText)->GetLabel().utf8_str();
        EXPECT_FALSE(confirmed) << "ordinary values needed no confirmation";

        // --- the film: 24 grades typed on the spine diagram, one of them "not assessable, not imaged"
        const std::int64_t filmId = films.addFilm(patientId, date(2023, 5, 4));
        FilmScoringContext context{patient, date(2023, 5, 4), {}, {"Dr Lee", "Dr Park"}, core::Settings{}};
        context.films = {core::Film{date(2021, 3, 1), {earlier}}};
        FilmScoringDialog scoring(nullptr, context,
                                  [&](const core::Reading& r) { films.addReading(filmId, r); });
        core::Reading blank;
        blank.reader = "Dr Lee";
        scoring.TransferTo(blank);
        scoring.Show();
        pumpEvents(300);
        keys.focus(scoring.spineDiagram());
        keys.type("001120000000");  // cervical C2_inf .. T1_sup
        pumpEvents(150);
        EXPECT_EQ(scoring.cursor(), 12) << "each grade moves to the next site";
        keys.type("23n2");  // T12_inf 2, L1_sup 3, L1_inf not assessable: not imaged
        pumpEvents(150);
        saveScreenshot(&scoring, "film_scoring_mid");
        keys.type("000000000");  // the rest of the lumbar sites
        pumpEvents(150);
        ASSERT_TRUE(scoring.current().at(core::Site::S1_sup).has_value()) << "24 sites were not all scored";
        keys.enter();
        pumpEvents(300);
        ASSERT_EQ(scoring.GetReturnCode(), wxID_OK)
            << "Enter did not save: " << XRCCTRL(scoring, "summary", wxStaticText)->GetLabel().utf8_str();
    }

    // --- reopen the database and check every value
    storage::Database db(databasePath());
    const std::optional<core::PatientHistory> history = storage::HistoryReader(db).load(patientId);
    ASSERT_TRUE(history);
    const core::Patient& p = history->patient;
    EXPECT_EQ(p.clinicId, "AX-0042");
    EXPECT_EQ(p.name, "王小明 Wang Xiaoming");
    EXPECT_EQ(p.sex, core::Sex::Male);
    EXPECT_EQ(p.birth, date(1980, 2, 29));
    EXPECT_EQ(p.symptomOnset, date(2001, 6, 15));
    EXPECT_EQ(p.diagnosis, date(2005, 1, 10));

    ASSERT_EQ(history->visits.size(), 1u);
    const core::Visit& v = history->visits[0];
    EXPECT_EQ(v.date, date(2023, 5, 4));
    EXPECT_FALSE(v.postmenopausal.has_value());
    EXPECT_EQ(v.basdai.items(), (core::BasdaiInput{6, 7, 3, 4, 5, 6}.items()));
    EXPECT_EQ(v.patientGlobal, 6.5);
    const double basfi[10] = {2, 3, 4, 5, 1, 2, 3, 4, 5, 6};
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(v.basfi.items[i], basfi[i]) << "BASFI Q" << i + 1;
    EXPECT_EQ(v.basmi.tragusToWallLeftCm, 14);
    EXPECT_EQ(v.basmi.tragusToWallRightCm, 15);
    EXPECT_EQ(v.basmi.modifiedSchoberCm, 3.5);
    EXPECT_EQ(v.basmi.cervicalRotationLeftDegrees, 60);
    EXPECT_EQ(v.basmi.cervicalRotationRightDegrees, 62);
    EXPECT_EQ(v.basmi.lateralFlexionLeftCm, 12);
    EXPECT_EQ(v.basmi.lateralFlexionRightCm, 11);
    EXPECT_EQ(v.basmi.intermalleolarDistanceCm, 95);
    const core::LabValue* crp = v.lab(core::Analyte::Crp);
    ASSERT_TRUE(crp);
    EXPECT_EQ(crp->value, 12);
    EXPECT_EQ(crp->unit, "mg/L");
    EXPECT_FALSE(crp->belowDetectionLimit);
    const core::LabValue* esr = v.lab(core::Analyte::Esr);
    ASSERT_TRUE(esr);
    EXPECT_EQ(esr->value, 28);
    ASSERT_EQ(v.bmd.size(), 2u);
    EXPECT_EQ(v.bmd[0].site, core::BmdSite::LumbarSpine);
    EXPECT_EQ(v.bmd[0].bmd, 0.912);
    EXPECT_EQ(v.bmd[0].tScore, -1.8);
    EXPECT_EQ(v.bmd[0].zScore, -1.6);
    EXPECT_EQ(core::toString(v.bmd[0].vertebrae), "L1-L4");
    EXPECT_EQ(v.bmd[0].device.manufacturer, "Hologic");
    EXPECT_EQ(v.bmd[0].device.model, "Horizon A");
    EXPECT_EQ(v.bmd[1].site, core::BmdSite::FemoralNeck);
    EXPECT_EQ(v.bmd[1].bmd, 0.701);
    EXPECT_EQ(v.bmd[1].tScore, -2.6);
    // The score the editor showed is core's score of what was saved.
    const core::VisitScores scores = core::scoreVisit(p, v, history->films, core::Settings{});
    ASSERT_TRUE(scores.basdai.value);
    EXPECT_EQ(core::formatFixed(*scores.basdai.value, 1), "5.1");

    ASSERT_EQ(history->films.size(), 2u);
    const core::Film& film = history->films[1];
    EXPECT_EQ(film.date, date(2023, 5, 4));
    ASSERT_EQ(film.readings.size(), 1u);
    const core::Reading& r = film.readings[0];
    EXPECT_EQ(r.reader, "Dr Lee");
    EXPECT_EQ(r.readingDate, localDate());
    const char* expected = "00112000000023N000000000";
    int position = 0;
    for (core::Site site : core::allSites()) {
        const char c = expected[position++];
        if (c == 'N') {
            ASSERT_TRUE(r.at(site).has_value());
            EXPECT_FALSE(r.at(site)->assessable()) << core::siteId(site);
            EXPECT_EQ(r.at(site)->reason(), core::NotAssessableReason::NotImaged);
            continue;
        }
        ASSERT_TRUE(r.at(site).has_value()) << core::siteId(site);
        ASSERT_TRUE(r.at(site)->assessable()) << core::siteId(site);
        EXPECT_EQ(r.at(site)->grade(), c - '0') << core::siteId(site);
    }
}

}  // namespace ankylos::ui::test
