// A source that breaks every rule check_layers.cmake enforces: the test that runs it on this folder
// must fail, which proves the check can fail.
#include <SQLiteCpp/Database.h>
#include <wx/string.h>

#include "export/exporter.h"
#include "storage/sql/connection.h"
