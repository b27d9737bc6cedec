#pragma once
/// The research export dialog (File > Research export...): the choices of `ankylos-cli export`
/// (format, table, de-identification with the project key file, shifted or relative dates, filters,
/// columns, output file) and a progress bar. The export runs on a worker thread with its own
/// database connection; progress and the result come back to the window through CallAfter.

#include <wx/dialog.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "export/exporter.h"
#include "storage/database.h"

class wxButton;
class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxGauge;
class wxRadioBox;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace ankylos::ui {

class ExportDialog : public wxDialog {
public:
    enum class State { Ready, Running, Finished, Cancelled, Failed };

    /// databaseFile is opened again by the worker thread (a connection is not shared between
    /// threads), with serverPassword for a server that asked for one; user is who the audit row names.
    ExportDialog(wxWindow* parent, const std::filesystem::path& databaseFile, const std::string& user,
                 const std::string& serverPassword = "");
    /// Cancels a running export and waits for it: nothing is left behind.
    ~ExportDialog() override;

    /// The options the controls hold. Throws core::ValidationError naming the field for a bad date.
    exports::ExportOptions options() const;

    /// Checks the options (a message names what is wrong: a missing key file, a bad date) and
    /// starts the export on a worker thread. False when it did not start.
    bool startExport();
    /// "Create project key...": warns what the key is for and that it must be kept safe, asks where
    /// (an existing file is replaced only when the user says so), writes a new random key there and
    /// puts it in the key field. False when cancelled or the file could not be written.
    bool createProjectKey();
    /// The second half of createProjectKey, once file is chosen: asks before replacing an existing
    /// file, writes the key (exports::createProjectKeyFile) and puts file in the key field.
    bool saveProjectKey(const std::filesystem::path& file);
    /// Asks the running export to stop at the next patient; it then removes what it wrote.
    void cancelExport();
    State state() const { return m_state; }
    /// The last export's result (valid when state() is Finished).
    const exports::ExportSummary& summary() const { return m_summary; }
    /// The text of the status line under the progress bar.
    wxString statusText() const;

    wxChoice* formatChoice() const { return m_format; }
    wxChoice* tableChoice() const { return m_table; }
    wxTextCtrl* outputField() const { return m_out; }
    wxCheckBox* deidentifyBox() const { return m_deidentify; }
    wxTextCtrl* keyFileField() const { return m_keyFile; }
    wxButton* createKeyButton() const { return m_keyCreate; }
    wxRadioBox* datesBox() const { return m_dates; }
    wxTextCtrl* fromField() const { return m_from; }
    wxTextCtrl* toField() const { return m_to; }
    wxCheckBox* allColumnsBox() const { return m_allColumns; }
    wxCheckListBox* columnList() const { return m_columns; }
    wxGauge* gauge() const { return m_gauge; }

    /// The format chosen in the dialog's list, in its order.
    exports::ExportFormat selectedFormat() const;
    void selectFormat(exports::ExportFormat format);
    /// Fills the column list for the current format, table and de-identification, keeping checks.
    void refreshColumns();

private:
    class Progress;

    void translateLabels();
    void updateEnabled();
    void onFormatChanged();
    void chooseOutput();
    void chooseKeyFile();
    void showProgress(std::size_t done, std::size_t total);
    void onFinished(const exports::ExportSummary& summary);
    void onCancelled();
    void onFailed(const wxString& message);
    /// Waits for the worker thread once it has said it is done.
    void joinWorker();
    void setStatus(const wxString& text);

    std::filesystem::path m_databaseFile;
    std::string m_user;
    std::string m_serverPassword;  ///< in memory only
    State m_state = State::Ready;
    exports::ExportSummary m_summary;
    std::atomic<bool> m_cancel{false};
    std::unique_ptr<Progress> m_progress;
    std::thread m_worker;

    wxChoice* m_format;
    wxStaticText* m_tableLabel;
    wxChoice* m_table;
    wxTextCtrl* m_out;
    wxCheckBox* m_deidentify;
    wxTextCtrl* m_keyFile;
    wxButton* m_keyBrowse;
    wxButton* m_keyCreate;
    wxRadioBox* m_dates;
    wxTextCtrl* m_from;
    wxTextCtrl* m_to;
    wxChoice* m_sex;
    wxChoice* m_hlaB27;
    wxChoice* m_progressor;
    wxSpinCtrl* m_minFilms;
    wxCheckBox* m_allColumns;
    wxCheckListBox* m_columns;
    wxGauge* m_gauge;
    wxStaticText* m_status;
    wxButton* m_exportButton;
    wxButton* m_closeButton;
};

/// Opens the research export dialog for the open database (modal); serverPassword: the one the user
/// gave for a server database, for the export's own connection.
void showExportDialog(wxWindow* parent, storage::Database& db, const std::string& serverPassword = "");

}  // namespace ankylos::ui
