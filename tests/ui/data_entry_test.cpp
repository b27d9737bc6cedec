// The whole data-entry path by real key presses (wxUIActionSimulator): a patient, a visit typed field by
// field with Tab, a film scored by typing 24 grades, each saved through the real repositories into a
// temporary database, which is then closed, reopened and read back value by value.
#include <gtest/gtest.h>
#include <wx/choice.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>
#include <wx/xrc/xmlres.h>

#include <string>

#include "core/format.h"
#include "core/visit.h"
#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
#include "storage/visit_repository.h"
#include "ui/display.h"
#include "ui/film_scoring.h"
#include "ui/patient_editor.h"
#include "ui/visit_editor.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;

/// Real key presses, as data-entry staff give them: wxUIActionSimulator sends them through the X
/// server (XTest) to whichever window has the X focus, and GTK turns them into wx key events. GTK
/// reads them from its X connection only while an event loop runs, so every key is followed by
/// pumpWindowEvents (pumpEvents only processes wx's own queue and would leave the keys unread).
/// Where the focus is matters, so the keyboard checks it by name instead of putting it anywhere.
class Keyboard {
public:
    /// Types ASCII text into the focused window, one key press per character (Shift for capitals).
    void type(const std::string& text) {
        if (!text.empty())
            m_simulator.Text(text.c_str());
        pumpWindowEvents(100);
    }
    void tab() { press(WXK_TAB); }
    void down() { press(WXK_DOWN); }
    void typeThenTab(const std::string& text) {
        type(text);
        tab();
    }
    /// Enter: in a one-line field it presses the dialog's default button. The save runs storage
    /// and refreshes the dialog: give it longer.
    void enter() { press(WXK_RETURN, 300); }
    void escape() { press(WXK_ESCAPE, 300); }

private:
    void press(int key, int ms = 100) {
        m_simulator.Char(key);
        pumpWindowEvents(ms);
    }
    wxUIActionSimulator m_simulator;
};

/// The name of the window with the keyboard focus (its XRC name), for failure messages.
std::string focusName() {
    wxWindow* focus = wxWindow::FindFocus();
    return focus ? std::string(focus->GetName().utf8_str()) : std::string("nothing");
}

/// Whether the keyboard focus is on `window` or inside it.
bool hasFocus(wxWindow* window) {
    for (wxWindow* focus = wxWindow::FindFocus(); focus; focus = focus->GetParent())
        if (focus == window)
            return true;
    return false;
}

}  // namespace

class DataEntry : public TempDatabaseTest {};

TEST_F(DataEntry, PatientVisitAndFilmTypedByKeyboardSurviveReopeningTheDatabase) {
    std::int64_t patientId = 0;
    core::Patient patient;
    Keyboard keys;
    {
        storage::Database db(databasePath(), "", storage::Open::CreateNew);
        storage::PatientRepository patients(db);
        storage::VisitRepository visits(db);
        storage::FilmRepository films(db);

        // --- the patient: every field by keyboard in tab order, from where the editor puts the focus;
        // the Chinese name is set directly (X key presses carry ASCII only: there is no key for 王)
        {
            PatientEditor editor(
                nullptr, [&](const core::Patient& p, const std::string&) { patientId = patients.add(p); });
            editor.TransferTo(core::Patient{});  // puts the focus on the clinic ID, as editPatient does
            editor.Show();
            pumpWindowEvents(300);
            ASSERT_TRUE(hasFocus(XRCCTRL(editor, "clinic_id", wxTextCtrl))) << "focus on " << focusName();
            keys.typeThenTab("AX-0042");
            ASSERT_TRUE(hasFocus(XRCCTRL(editor, "name", wxTextCtrl))) << "focus on " << focusName();
            XRCCTRL(editor, "name", wxTextCtrl)->ChangeValue(wxString::FromUTF8("王小明 Wang Xiaoming"));
            // A new patient's sex has no default: Down chooses the first entry (male); HLA-B27 is
            // passed with Tab and keeps its value (unknown). wx cannot say when a choice has the focus
            // (GTK gives it to the choice's inner button): the field after each shows that Tab went
            // through it.
            EXPECT_EQ(XRCCTRL(editor, "sex", wxChoice)->GetSelection(), wxNOT_FOUND);
            keys.tab();
            keys.down();
            EXPECT_EQ(XRCCTRL(editor, "sex", wxChoice)->GetSelection(), 0);
            keys.tab();
            ASSERT_TRUE(hasFocus(XRCCTRL(editor, "birth", wxTextCtrl))) << "focus on " << focusName();
            keys.typeThenTab("1980-02-29");
            keys.tab();
            ASSERT_TRUE(hasFocus(XRCCTRL(editor, "symptom_onset", wxTextCtrl))) << "focus on " << focusName();
            keys.typeThenTab("2001-06-15");
            keys.type("2005-01-10");
            ASSERT_TRUE(hasFocus(XRCCTRL(editor, "diagnosis", wxTextCtrl))) << "focus on " << focusName();
            keys.enter();
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
        storage::ReaderRepository(db).add("Dr Lee");  // readers are registered before they read
        films.addReading(earlierFilm, earlier);

        // --- the visit, every field by keyboard in the paper form's order
        bool confirmed = true;
        VisitEditor editor(nullptr, patient, {}, core::Settings{},
                           [&](const core::Visit& v, bool warningsConfirmed) {
                               visits.add(patientId, v, warningsConfirmed);
                               confirmed = warningsConfirmed;
                           });
        editor.TransferTo(core::Visit{});  // puts the focus on the date, its text selected
        editor.Show();
        pumpWindowEvents(300);
        ASSERT_TRUE(hasFocus(XRCCTRL(editor, "visit_date", wxTextCtrl))) << "focus on " << focusName();
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
        keys.typeThenTab("");                              // CRP assay: none recorded before
        keys.typeThenTab("28");                            // ESR
        keys.typeThenTab("Westergren");                    // ESR assay
        for (const char* text : {"0.912", "-1.8", "-1.6",  // lumbar spine BMD, T, Z
                                 "0.701", "-2.6", "-2.2",  // femoral neck
                                 "", "", "", "", "", "",   // total hip, 1/3 radius not measured
                                 "L1-L4", "Hologic"})
            keys.typeThenTab(text);
        keys.type("Horizon A");
        EXPECT_EQ(XRCCTRL(editor, "bmd_model", wxTextCtrl)->GetValue(), "Horizon A")
            << "the tab order lost a field";
        // The computed scores followed the typing (values from core, checked against core below).
        EXPECT_EQ(XRCCTRL(editor, "score_basdai", wxStaticText)->GetLabel(), "5.1");
        saveScreenshot(&editor, "visit_editor_filled");
        // Enter where the typing ended: the manufacturer's model, a one-line field.
        ASSERT_TRUE(hasFocus(XRCCTRL(editor, "bmd_model", wxTextCtrl))) << "focus on " << focusName();
        keys.enter();
        ASSERT_EQ(editor.GetReturnCode(), wxID_OK)
            << "Enter did not save: " << XRCCTRL(editor, "summary", wxStaticText)->GetLabel().utf8_str();
        EXPECT_FALSE(confirmed) << "ordinary values needed no confirmation";

        // --- the film: 24 grades typed on the spine diagram, one of them "not assessable, not imaged"
        const std::int64_t filmId = films.addFilm(patientId, date(2023, 5, 4));
        FilmScoringContext context;
        context.patient = patient;
        context.filmDate = date(2023, 5, 4);
        context.readers = {"Dr Lee", "Dr Park"};
        context.films = {core::Film{date(2021, 3, 1), {earlier}}};
        FilmScoringDialog scoring(nullptr, context,
                                  [&](const core::Reading& r) { films.addReading(filmId, r); });
        core::Reading blank;
        blank.reader = "Dr Lee";
        blank.readingDate = today();  // as the patient record gives a new reading
        scoring.TransferTo(blank);    // the reader is known: the focus goes to the spine diagram
        scoring.Show();
        pumpWindowEvents(300);
        ASSERT_TRUE(hasFocus(scoring.spineDiagram())) << "focus on " << focusName();
        keys.type("001120000000");  // cervical C2_inf .. T1_sup
        EXPECT_EQ(scoring.cursor(), 12) << "each grade moves to the next site";
        keys.type("23n2");  // T12_inf 2, L1_sup 3, L1_inf not assessable: not imaged
        saveScreenshot(&scoring, "film_scoring_mid");
        keys.type("000000000");  // the rest of the lumbar sites
        ASSERT_TRUE(scoring.current().at(core::Site::S1_sup).has_value()) << "24 sites were not all scored";
        keys.enter();
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
    EXPECT_EQ(crp->assay, "");
    const core::LabValue* esr = v.lab(core::Analyte::Esr);
    ASSERT_TRUE(esr);
    EXPECT_EQ(esr->value, 28);
    EXPECT_EQ(esr->assay, "Westergren");
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
    EXPECT_EQ(r.readingDate, today());
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

TEST(DataEntryKeys, EnterIsRefusedOnAnInvalidValueAndEscAsksBeforeDiscardingTheVisit) {
    core::Patient patient;
    patient.clinicId = "AX-0043";
    patient.name = "Keys Test";
    patient.sex = core::Sex::Male;
    patient.birth = date(1975, 3, 1);
    int saves = 0;
    VisitEditor editor(nullptr, patient, {}, core::Settings{}, [&](const core::Visit&, bool) { ++saves; });
    editor.TransferTo(core::Visit{});
    editor.Show();
    pumpWindowEvents(300);
    Keyboard keys;
    ASSERT_TRUE(hasFocus(XRCCTRL(editor, "visit_date", wxTextCtrl))) << "focus on " << focusName();
    keys.typeThenTab("2023-06-01");
    keys.typeThenTab("6");
    keys.type("11");  // BASDAI Q2 out of 0-10
    auto* q2 = XRCCTRL(editor, "basdai_q2", wxTextCtrl);
    ASSERT_TRUE(hasFocus(q2)) << "focus on " << focusName();
    EXPECT_EQ(q2->GetValue(), "11");

    // Enter: refused, the message next to the field names it, the value and the range; input kept.
    keys.enter();
    EXPECT_EQ(saves, 0);
    EXPECT_TRUE(editor.IsShown());
    wxString message = XRCCTRL(editor, "basdai_message", wxStaticText)->GetLabel();
    message.Replace("\n", " ");
    EXPECT_NE(message.Find("BASDAI Q2"), wxNOT_FOUND) << message.utf8_str();
    EXPECT_NE(message.Find("11"), wxNOT_FOUND) << message.utf8_str();
    EXPECT_EQ(q2->GetValue(), "11");

    // Esc with unsaved changes asks first: "keep editing" leaves everything as typed...
    DialogResponder responder;
    responder.thenReturn(wxID_NO).thenReturn(wxID_YES);
    keys.escape();
    ASSERT_EQ(responder.seen().size(), 1u) << "Esc did not ask about the unsaved changes";
    EXPECT_NE(responder.seen()[0].find("unsaved changes"), std::string::npos) << responder.seen()[0];
    EXPECT_TRUE(editor.IsShown());
    EXPECT_EQ(q2->GetValue(), "11");
    EXPECT_EQ(XRCCTRL(editor, "visit_date", wxTextCtrl)->GetValue(), "2023-06-01");
    // ...and "discard" closes the editor without saving.
    keys.escape();
    EXPECT_EQ(responder.seen().size(), 2u);
    EXPECT_FALSE(editor.IsShown());
    EXPECT_EQ(editor.GetReturnCode(), wxID_CANCEL);
    EXPECT_EQ(saves, 0);
}

}  // namespace ankylos::ui::test
