#pragma once
/// Start-up of the wx resources every window needs: image handlers and the compiled-in XRC layouts.

namespace ankylos::ui {

/// Installs the image handlers and loads every forms/*.xrc layout compiled into the binary.
/// Safe to call more than once (the app and the test main both call it).
void initResources();

}  // namespace ankylos::ui
