#include "ui/start_panel.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace ankylos::ui {

StartPanel::StartPanel(wxWindow* parent, Actions actions) : wxPanel(parent), m_actions(std::move(actions)) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    m_heading = new wxStaticText(this, wxID_ANY, wxString());
    m_heading->SetFont(m_heading->GetFont().Scaled(1.6f).Bold());
    m_text = new wxStaticText(this, wxID_ANY, wxString());
    column->Add(m_heading, 0, wxBOTTOM, FromDIP(8));
    column->Add(m_text, 0, wxBOTTOM, FromDIP(20));
    const auto button = [&](const wxString& label, const wxString& help, std::function<void()>& action) {
        auto* b = new wxButton(this, wxID_ANY, label, wxDefaultPosition, wxSize(FromDIP(300), FromDIP(44)));
        b->SetFont(b->GetFont().Scaled(1.15f));
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(16));
        auto* helpText = new wxStaticText(this, wxID_ANY, help);
        row->Add(helpText, 0, wxALIGN_CENTER_VERTICAL);
        column->Add(row, 0, wxBOTTOM, FromDIP(12));
        b->Bind(wxEVT_BUTTON, [&action](wxCommandEvent&) {
            if (action)
                action();
        });
        b->SetClientData(helpText);  // hidden and shown with its button
        return b;
    };
    m_createPatient =
        button(_("&Create a patient"), _("Start the record of a new patient."), m_actions.createPatient);
    m_import = button(_("&Import visits from CSV..."), _("Bring visits, films and readings from a CSV file."),
                      m_actions.importCsv);
    m_demo =
        button(_("Open the &demo cohort"),
               _("Invented patients to look around; kept in a separate file, never mixed with real data."),
               m_actions.openDemo);
    m_open = button(_("&Open a database..."), _("An Ankylos database file (.db)."), m_actions.openDatabase);
    m_new = button(_("&New database..."), _("An empty database file for a clinic."), m_actions.newDatabase);
    m_connect = button(_("Connect to a ser&ver..."), _("A clinic's database on a PostgreSQL server."),
                       m_actions.connectToServer);

    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->AddStretchSpacer(1);
    outer->Add(column, 0, wxALIGN_CENTER_HORIZONTAL | wxALL, FromDIP(24));
    outer->AddStretchSpacer(2);
    SetSizer(outer);
}

void StartPanel::showFor(bool databaseOpen) {
    m_heading->SetLabel(databaseOpen ? _("This database has no patients yet") : _("No database is open"));
    m_text->SetLabel(databaseOpen ? _("Choose how to begin:")
                                  : _("Open a clinic's database or create a new one:"));
    for (wxButton* b : {m_createPatient, m_import, m_demo}) {
        b->Show(databaseOpen);
        static_cast<wxWindow*>(b->GetClientData())->Show(databaseOpen);
    }
    for (wxButton* b : {m_open, m_new, m_connect}) {
        b->Show(!databaseOpen);
        static_cast<wxWindow*>(b->GetClientData())->Show(!databaseOpen);
    }
    Layout();
    (databaseOpen ? m_createPatient : m_open)->SetFocus();
}

void StartPanel::showOpening(const wxString& file) {
    m_heading->SetLabel(_("Opening the database..."));
    m_text->SetLabel(file);
    for (wxButton* b : {m_createPatient, m_import, m_demo, m_open, m_new, m_connect}) {
        b->Show(false);
        static_cast<wxWindow*>(b->GetClientData())->Show(false);
    }
    Layout();
}

}  // namespace ankylos::ui
