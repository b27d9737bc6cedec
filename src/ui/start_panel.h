#pragma once
/// The first screen when there is nothing to list: an empty database offers "Create a patient",
/// "Import visits from CSV" and "Open the demo cohort"; no database offers to open or create one, or
/// to connect to a server.

#include <wx/panel.h>

#include <functional>

class wxButton;
class wxStaticText;

namespace ankylos::ui {

class StartPanel : public wxPanel {
public:
    struct Actions {
        std::function<void()> createPatient;
        std::function<void()> importCsv;
        std::function<void()> openDemo;
        std::function<void()> openDatabase;
        std::function<void()> newDatabase;
        std::function<void()> connectToServer;
    };
    StartPanel(wxWindow* parent, Actions actions);

    /// true: a database is open and empty; false: no database is open.
    void showFor(bool databaseOpen);
    /// "Opening FILE...", no buttons: while a database is being checked and opened.
    void showOpening(const wxString& file);

    wxButton* createPatientButton() const { return m_createPatient; }
    wxButton* importButton() const { return m_import; }
    wxButton* demoButton() const { return m_demo; }
    wxButton* openButton() const { return m_open; }
    wxButton* connectButton() const { return m_connect; }

private:
    Actions m_actions;
    wxStaticText* m_heading;
    wxStaticText* m_text;
    wxButton* m_createPatient;
    wxButton* m_import;
    wxButton* m_demo;
    wxButton* m_open;
    wxButton* m_new;
    wxButton* m_connect;
};

}  // namespace ankylos::ui
