#include "pinyin.hpp"

#include <dlfcn.h>
#include <rime_api.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <string_view>
#include <system_error>
#include <utility>

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using Ms = std::chrono::milliseconds;

constexpr const char* kSharedDataDir = "/usr/share/rime-data";
constexpr const char* kSchema = "luna_pinyin";
// X11 keysyms rime expects for the keys that are not letters.
constexpr int kBackSpace = 0xff08;
constexpr int kPageUp = 0xff55;
constexpr int kPageDown = 0xff56;
constexpr int kEscape = 0xff1b;

// librime is opened when pinyin is first wanted, not linked: with it come boost, ICU, LevelDB,
// glog and more, 4-5 MB resident in every kioskd (their constructors run at load), while most
// sessions never type a name. nullptr when it cannot be loaded (load_error() says why).
struct RimeLibrary {
  RimeApi* api = nullptr;
  std::string error;
};
const RimeLibrary& rime_library() {
  static const RimeLibrary loaded = [] {
    RimeLibrary lib;
    // Never closed: rime keeps threads and statics for the life of the process.
    void* handle = ::dlopen("librime.so.1", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      lib.error = ::dlerror();
      return lib;
    }
    using GetApi = RimeApi* (*)();
    auto* get_api = reinterpret_cast<GetApi>(::dlsym(handle, "rime_get_api"));
    if (get_api == nullptr) {
      lib.error = "librime.so.1 has no rime_get_api";
      return lib;
    }
    lib.api = get_api();
    if (lib.api == nullptr) lib.error = "rime_get_api() returned nothing";
    return lib;
  }();
  return loaded;
}

// Only called once deployment has succeeded (which needed the library) or on a session made
// after it: never null there.
RimeApi* api() {
  return rime_library().api;
}

// Patches laid in the user data directory before deploying. Only luna_pinyin is deployed (the
// default list would build six schemas, seconds of work); simplified characters from the
// start; and no user dictionary: rime must not learn, and so keep, what a citizen typed.
constexpr const char* kDefaultPatch =
    "patch:\n"
    "  schema_list:\n"
    "    - schema: luna_pinyin\n";
constexpr const char* kSchemaPatch =
    "patch:\n"
    "  translator/enable_user_dict: false\n"
    "  switches/@2/reset: 1\n"
    "  menu/page_size: 5\n";

// Everything rime may keep of what was typed: user dictionaries (LevelDB directories and their
// text snapshots) and the sync directory they are copied to.
void delete_user_dictionaries(const std::string& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.find(".userdb") != std::string::npos || name == "sync") fs::remove_all(e.path(), ec);
  }
}

bool same_content(const std::string& path, std::string_view text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  const std::string now((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return now == text;
}

// librime is one per process (setup may run once): its directory, the deployment on its own
// thread, and how long that took.
class RimeHost {
 public:
  static RimeHost& instance(const std::string& dir) {
    static RimeHost host(dir);
    return host;
  }
  ~RimeHost() {
    if (done_.valid()) done_.wait();
    // A temporary directory goes with the process (it holds no typed text: see forget()).
    std::error_code ec;
    if (owned_) fs::remove_all(dir_, ec);
  }
  RimeHost(const RimeHost&) = delete;
  RimeHost& operator=(const RimeHost&) = delete;

  bool ready() const { return done_.wait_for(Ms(0)) == std::future_status::ready; }
  const Result<void>& wait() const { return done_.get(); }
  Ms startup_time() const { return Ms(startup_ms_.load()); }
  const std::string& dir() const { return dir_; }

 private:
  explicit RimeHost(std::string dir) : dir_(std::move(dir)) {
    if (dir_.empty()) {
      std::error_code ec;
      std::string tmpl = (fs::temp_directory_path(ec) / "kiosk-rime-XXXXXX").string();
      if (::mkdtemp(tmpl.data()) != nullptr) {
        dir_ = tmpl;
        owned_ = true;
      }
    }
    done_ = std::async(std::launch::async, [this] { return deploy(); }).share();
  }

  Result<void> deploy() {
    const auto start = std::chrono::steady_clock::now();
    // Background work: this thread (and rime's maintenance thread, which inherits it) yields
    // the processor to the UI thread and the watchdog on a busy two-core board.
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
    if (dir_.empty()) return technician_error("pinyin: no directory for rime's user data");
    std::error_code ec;
    fs::create_directories(dir_, ec);
    for (const auto& [name, text] : {std::pair{"/default.custom.yaml", kDefaultPatch},
                                     std::pair{"/luna_pinyin.custom.yaml", kSchemaPatch}}) {
      // Rewritten only when different: a newer patch makes rime rebuild every schema (300 ms
      // to seconds), which a directory kept across starts is there to spare.
      if (same_content(dir_ + name, text)) continue;
      std::ofstream out(dir_ + name, std::ios::trunc);
      out << text;
      if (!out) return technician_error("pinyin: cannot write rime's user data in " + dir_);
    }
    delete_user_dictionaries(dir_);  // left by an older kioskd that crashed
    if (rime_library().api == nullptr) {
      return technician_error("pinyin: cannot load librime (" + rime_library().error +
                              "; is the librime1 package installed?)");
    }
    RIME_STRUCT(RimeTraits, traits);
    traits.shared_data_dir = kSharedDataDir;
    traits.user_data_dir = dir_.c_str();
    traits.distribution_name = "kiosk";
    traits.distribution_code_name = "kiosk";
    traits.distribution_version = "1";
    traits.app_name = "rime.kiosk";
    traits.min_log_level = 2;  // errors only, and
    traits.log_dir = "";       // to stderr: no log files beside the typed text
    api()->setup(&traits);
    api()->initialize(nullptr);
    // Not a full check: rime then compares the data directories' times with its last build
    // and, when nothing changed, does no work at all (a full check reads and checksums every
    // dictionary, 150–300 ms at each start that a kioskd quitting early would wait for).
    api()->start_maintenance(False);
    api()->join_maintenance_thread();
    startup_ms_ = std::chrono::duration_cast<Ms>(std::chrono::steady_clock::now() - start).count();
    if (!fs::exists(dir_ + "/build/luna_pinyin.schema.yaml", ec)) {
      return technician_error("pinyin: rime could not deploy luna_pinyin from " +
                              std::string(kSharedDataDir) + " (rime-data-luna-pinyin installed?)");
    }
    return {};
  }

  std::string dir_;
  bool owned_ = false;
  std::atomic<long long> startup_ms_{0};
  std::shared_future<Result<void>> done_;
};

}  // namespace

PinyinEngine::PinyinEngine(std::string user_dir) {
  RimeHost::instance(user_dir);
}

PinyinEngine::~PinyinEngine() {
  // A deployment still running when the process ends would meet rime's own statics being
  // destroyed under it: the engine's owner waits for it (a kioskd that quits at once).
  RimeHost::instance({}).wait();
  if (session_ != 0) api()->destroy_session(session_);
}

bool PinyinEngine::ready() const {
  return RimeHost::instance({}).ready();
}

Result<void> PinyinEngine::wait_ready() {
  return RimeHost::instance({}).wait();
}

std::chrono::milliseconds PinyinEngine::startup_time() const {
  return RimeHost::instance({}).startup_time();
}

std::string PinyinEngine::user_dir() const {
  return RimeHost::instance({}).dir();
}

bool PinyinEngine::session() {
  if (session_ != 0) return true;
  if (failed_) return false;
  // Only a citizen who types pinyin within the first moments after start-up waits here.
  if (!wait_ready().ok()) {
    failed_ = true;
    return false;
  }
  session_ = api()->create_session();
  if (session_ == 0 || !api()->select_schema(session_, kSchema)) {
    failed_ = true;
    return false;
  }
  api()->set_option(session_, "simplification", True);
  return true;
}

std::string PinyinEngine::take_commit() {
  RIME_STRUCT(RimeCommit, commit);
  std::string text;
  if (api()->get_commit(session_, &commit)) {
    if (commit.text != nullptr) text = commit.text;
    api()->free_commit(&commit);
  }
  return text;
}

std::string PinyinEngine::letter(char c) {
  if (c < 'a' || c > 'z' || !session()) return {};
  // A letter no pinyin starts with is not taken by rime: it goes to the field as itself.
  if (!api()->process_key(session_, c, 0)) return std::string(1, c);
  return take_commit();
}

bool PinyinEngine::backspace() {
  if (!composing()) return false;
  api()->process_key(session_, kBackSpace, 0);
  return true;
}

std::string PinyinEngine::choose(int index) {
  if (!composing() || index < 0) return {};
  api()->select_candidate_on_current_page(session_, static_cast<std::size_t>(index));
  return take_commit();
}

bool PinyinEngine::page(bool next) {
  if (!composing()) return false;
  const int before = menu().page;
  api()->process_key(session_, next ? kPageDown : kPageUp, 0);
  return menu().page != before;
}

void PinyinEngine::clear() {
  if (session_ != 0) api()->process_key(session_, kEscape, 0);
}

bool PinyinEngine::composing() const {
  if (session_ == 0) return false;
  RIME_STRUCT(RimeStatus, status);
  if (!api()->get_status(session_, &status)) return false;
  const bool composing = status.is_composing != 0;
  api()->free_status(&status);
  return composing;
}

PinyinMenu PinyinEngine::menu() const {
  PinyinMenu m;
  if (session_ == 0) return m;
  RIME_STRUCT(RimeContext, context);
  if (!api()->get_context(session_, &context)) return m;
  if (context.composition.preedit != nullptr) m.preedit = context.composition.preedit;
  for (int i = 0; i < context.menu.num_candidates; ++i) {
    m.candidates.emplace_back(context.menu.candidates[i].text);
  }
  m.page = context.menu.page_no;
  m.last_page = context.menu.is_last_page != 0;
  api()->free_context(&context);
  return m;
}

void PinyinEngine::forget() {
  if (session_ != 0) {
    api()->destroy_session(session_);  // its composition and commit history go with it
    session_ = 0;
  }
  if (RimeHost::instance({}).ready()) delete_user_dictionaries(user_dir());
}

}  // namespace kiosk
