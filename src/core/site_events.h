#pragma once

namespace ankylos::core {}  // written with its issue
