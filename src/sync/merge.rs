//! Merging one project file three ways, knowing what a story, a photo
//! record and `project.ron` hold, so two editors' work on one file comes
//! together without conflict markers.
//!
//! Each version is read with storage's own loaders (older schemas
//! migrate), turned into a JSON value and merged field by field against
//! the merge base: a field only one side changed takes that side; text
//! fields merge paragraph by paragraph ([`diff::merge3_paragraphs`]);
//! lists of names (tags, keywords, the story order) merge as sets that keep
//! each side's placement; logs and other lists merge as sequences, keeping
//! what both sides appended. Photo uses, sign-offs and checklist items
//! merge by their id, revisions by number (renumbering theirs after ours
//! when both sides took the same number). What both sides changed
//! differently is a conflict: the merged file takes ours there, and a
//! second merged file takes theirs, so nothing is lost. Both are written
//! exactly as Copydesk saves, and both parse back.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::diff::{self, Chunk3, Side};
use crate::model::{Photo, PhotoId, Slug, Story, Timestamp};
use crate::storage::{
    self, PHOTO_SCHEMA, PHOTOS_DIR, PROJECT_FILE, PROJECT_SCHEMA, STORIES_DIR, STORY_SCHEMA, StorageError,
};

/// The outcome of merging one project file three ways.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileMerge {
    /// The merged file, with ours wherever both sides changed the same
    /// thing differently: what the working file holds (it always parses).
    pub text: String,
    /// The merged file with theirs in those places instead: `Some` exactly
    /// when `conflicts` is not empty (kept so nothing is lost; the window
    /// offers it in its merge dialog).
    pub theirs: Option<String>,
    /// Each true conflict, named for an editor: "headline", "body,
    /// paragraph 3", "status", "photo 3f2a…: caption", "settings:
    /// language", "the file could not be read on their side (…)".
    pub conflicts: Vec<String>,
}

impl FileMerge {
    fn clean(text: &str) -> Self {
        FileMerge { text: text.to_owned(), theirs: None, conflicts: Vec::new() }
    }

    /// Ours kept whole, theirs kept beside it, for one reason.
    fn keep_ours(ours: &str, theirs: &str, reason: String) -> Self {
        FileMerge { text: ours.to_owned(), theirs: Some(theirs.to_owned()), conflicts: vec![reason] }
    }
}

/// Merges one project file three ways. `path` is the file's path inside
/// the project, with `/` (e.g. `stories/drone-attacks.ron`,
/// `photos/0123456789abcdef.ron`, `project.ron`). `None` when the path is
/// not one of these kinds (the caller merges it otherwise). `base` is
/// `None` when the file did not exist at the merge base (added on both
/// sides).
///
/// When ours does not parse, the merge is theirs if theirs parses, else
/// ours as it is; when theirs or the base does not parse, ours. Each of
/// these is a conflict.
pub fn merge_file(path: &str, base: Option<&str>, ours: &str, theirs: &str) -> Option<FileMerge> {
    let kind = Kind::of(path)?;
    if ours == theirs || base == Some(theirs) {
        return Some(FileMerge::clean(ours));
    }
    if base == Some(ours) {
        return Some(FileMerge::clean(theirs));
    }
    let path = Path::new(path);
    Some(match kind {
        Kind::Story => merge_as(
            (base, ours, theirs),
            |text| storage::parse_story(text, path),
            |_: &Story| String::new(),
            story_field,
            |story: Story| to_ron(&StoryFile { schema: STORY_SCHEMA, story }),
        ),
        Kind::Photo => merge_as(
            (base, ours, theirs),
            |text| storage::parse_photo(text, path),
            |photo: &Photo| photo_name(photo.id.as_str()),
            photo_field,
            |photo: Photo| to_ron(&PhotoFile { schema: PHOTO_SCHEMA, photo }),
        ),
        Kind::Project => merge_as(
            (base, ours, theirs),
            |text| {
                storage::parse_project(text, path).map(|file| ProjectFile {
                    schema: PROJECT_SCHEMA,
                    name: file.name,
                    story_order: file.story_order,
                    settings: file.settings,
                })
            },
            |_: &ProjectFile| String::new(),
            project_field,
            |file: ProjectFile| to_ron(&ProjectFile { schema: PROJECT_SCHEMA, ..file }),
        ),
    })
}

/// The kinds of project file this merges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `stories/<slug>.ron`.
    Story,
    /// `photos/<id>.ron`.
    Photo,
    /// `project.ron`.
    Project,
}

impl Kind {
    fn of(path: &str) -> Option<Kind> {
        if path == PROJECT_FILE {
            return Some(Kind::Project);
        }
        let (dir, name) = path.split_once('/')?;
        let stem = name.strip_suffix(".ron")?;
        match dir {
            STORIES_DIR if Slug::new(stem).is_ok() => Some(Kind::Story),
            PHOTOS_DIR if PhotoId::try_from(stem.to_owned()).is_ok() => Some(Kind::Photo),
            _ => None,
        }
    }
}

/// `project.ron` as storage writes it (and the value merged for it).
type ProjectFile = storage::ProjectFile;
type StoryFile = storage::StoryFile;
type PhotoFile = storage::PhotoFileV2;

/// Pretty RON exactly as storage writes project files.
fn to_ron<T: Serialize>(value: &T) -> Result<String, String> {
    storage::to_ron(value).map_err(|error| error.to_string())
}

/// Reads the three versions with `parse`, merges them field by field with
/// the rules of `fields` (conflicts named under `prefix`) and writes both
/// results with `write`.
fn merge_as<T: Serialize + DeserializeOwned>(
    (base, ours, theirs): (Option<&str>, &str, &str),
    parse: impl Fn(&str) -> Result<T, StorageError>,
    prefix: impl Fn(&T) -> String,
    fields: fn(&str) -> Rule,
    write: impl Fn(T) -> Result<String, String>,
) -> FileMerge {
    let ours_value = match parse(ours) {
        Ok(value) => value,
        Err(error) => {
            return match parse(theirs) {
                Ok(_) => FileMerge {
                    text: theirs.to_owned(),
                    theirs: Some(theirs.to_owned()),
                    conflicts: vec![format!("the file could not be read on our side ({error})")],
                },
                Err(their_error) => FileMerge::keep_ours(
                    ours,
                    theirs,
                    format!("the file could not be read on either side (ours: {error}; theirs: {their_error})"),
                ),
            };
        }
    };
    let theirs_value = match parse(theirs) {
        Ok(value) => value,
        Err(error) => {
            return FileMerge::keep_ours(ours, theirs, format!("the file could not be read on their side ({error})"));
        }
    };
    let base_value = match base.map(&parse).transpose() {
        Ok(value) => value,
        Err(error) => {
            return FileMerge::keep_ours(
                ours,
                theirs,
                format!("the file could not be read as it was before both sides changed it ({error})"),
            );
        }
    };
    let prefix = prefix(&ours_value);
    let json = |value: &T| serde_json::to_value(value).map_err(|error| error.to_string());
    let (base_json, ours_json, theirs_json) =
        match (base_value.as_ref().map(json).transpose(), json(&ours_value), json(&theirs_value)) {
            (Ok(base), Ok(ours), Ok(theirs)) => (base, ours, theirs),
            (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => {
                return FileMerge::keep_ours(ours, theirs, format!("the file could not be merged ({error})"));
            }
        };
    let mut merger = Merger::default();
    let (merged_ours, merged_theirs) =
        merger.merge(Rule::Fields(fields), &prefix, base_json.as_ref(), &ours_json, &theirs_json);
    let conflicts = merger.conflicts;
    let written = |value: Value| -> Result<String, String> {
        let typed: T = serde_json::from_value(value).map_err(|error| error.to_string())?;
        let text = write(typed)?;
        // What Copydesk cannot open again is no merge.
        parse(&text).map_err(|error| error.to_string())?;
        Ok(text)
    };
    let text = written(merged_ours);
    let theirs_text = if conflicts.is_empty() { Ok(None) } else { written(merged_theirs).map(Some) };
    match (text, theirs_text) {
        (Ok(text), Ok(theirs)) => FileMerge { text, theirs, conflicts },
        (Err(error), _) | (_, Err(error)) => {
            FileMerge::keep_ours(ours, theirs, format!("the merged file could not be written ({error})"))
        }
    }
}

/// How one value merges when both sides changed it.
#[derive(Clone, Copy)]
enum Rule {
    /// By its shape: text by paragraphs, objects field by field, lists of
    /// distinct names as ordered sets, other lists as sequences, anything
    /// else whole.
    Auto,
    /// One value: changed differently on both sides is a conflict.
    Whole,
    /// Always ours (a story's slug, which is its file name).
    Ours,
    /// The later of two times (when a story last changed).
    Later,
    /// The earlier of two times (when a story was created).
    Earlier,
    /// An object, field by field with these rules.
    Fields(fn(&str) -> Rule),
    /// A list of objects with an id field, merged by id.
    Keyed(Keyed),
    /// A log, oldest first: lines both sides appended are all kept, in
    /// time order.
    Log,
    /// A story's revisions, by number.
    Revisions,
    /// A set of words kept sorted (the dictionary, the names).
    SortedSet,
    /// A story's photo uses: by photo, with one lead.
    PhotoUses,
}

/// A list of objects merged by the id each holds in `key`.
#[derive(Clone, Copy)]
struct Keyed {
    /// The id field.
    key: &'static str,
    /// An element's name for conflicts, from its id.
    name: fn(&str) -> String,
    /// Its fields' rules, or `None` to merge each element whole.
    fields: Option<fn(&str) -> Rule>,
}

fn auto(_: &str) -> Rule {
    Rule::Auto
}

fn story_field(key: &str) -> Rule {
    match key {
        "slug" => Rule::Ours,
        "created" => Rule::Earlier,
        "updated" => Rule::Later,
        "status" | "target_words" | "publish_at" => Rule::Whole,
        // Who has a story and when it is due: each one value.
        "plan" => Rule::Fields(|_| Rule::Whole),
        "publication" => Rule::Fields(publication_field),
        "photos" => Rule::PhotoUses,
        "signoffs" => Rule::Keyed(Keyed { key: "item", name: |item| format!("sign-off {item}"), fields: None }),
        "checklist" => Rule::Keyed(Keyed { key: "id", name: |id| format!("checklist item {id}"), fields: Some(auto) }),
        "activity" => Rule::Log,
        "revisions" => Rule::Revisions,
        _ => Rule::Auto,
    }
}

fn publication_field(key: &str) -> Rule {
    match key {
        // Corrections made on two machines are both kept, in time order.
        "corrections" => Rule::Log,
        _ => Rule::Whole,
    }
}

fn template_field(key: &str) -> Rule {
    match key {
        "checklist" => Rule::Keyed(Keyed { key: "id", name: |id| format!("checklist item {id}"), fields: Some(auto) }),
        "target_words" => Rule::Whole,
        _ => Rule::Auto,
    }
}

fn photo_use_field(key: &str) -> Rule {
    match key {
        // A crop and a focal point are one thing each.
        "crop" | "focal_point" => Rule::Whole,
        _ => Rule::Auto,
    }
}

fn photo_field(key: &str) -> Rule {
    match key {
        "id" => Rule::Ours,
        _ => Rule::Auto,
    }
}

fn project_field(key: &str) -> Rule {
    match key {
        "schema" => Rule::Ours,
        "settings" => Rule::Fields(settings_field),
        _ => Rule::Auto,
    }
}

fn settings_field(key: &str) -> Rule {
    match key {
        "dictionary" | "names" => Rule::SortedSet,
        "templates" => {
            Rule::Keyed(Keyed {
                key: "name", name: |name| format!("template “{name}”"), fields: Some(template_field)
            })
        }
        "checklist" => Rule::Keyed(Keyed { key: "id", name: |id| format!("checklist item {id}"), fields: Some(auto) }),
        "house_style" => {
            Rule::Keyed(Keyed { key: "avoid", name: |avoid| format!("house style “{avoid}”"), fields: Some(auto) })
        }
        "check_levels" => Rule::Fields(|_| Rule::Whole),
        _ => Rule::Auto,
    }
}

/// A photo named for an editor: `photo 3f2a…`.
fn photo_name(id: &str) -> String {
    format!("photo {}…", id.get(..4).unwrap_or(id))
}

/// A field's name for an editor.
fn label(key: &str) -> String {
    match key {
        "target_words" => "target length",
        "publish_at" => "publish time",
        "correction_wording" => "correction wording",
        "notes" => "editor's notes",
        "signoffs" => "sign-offs",
        "activity" => "activity log",
        "name" => "project name",
        "usage_expires" => "usage expiry",
        "persons_shown" => "people shown",
        "default_target_words" => "default target length",
        "headline_max_chars" => "headline limit",
        "dek_max_chars" => "dek limit",
        "media_base_url" => "media base URL",
        other => return other.replace('_', " "),
    }
    .to_owned()
}

/// `parent: child`, or `child` at the top.
fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() { child.to_owned() } else { format!("{parent}: {child}") }
}

/// Both merged values: ours where the sides conflict, and theirs there.
type Pair = (Value, Value);

/// Both merged values of something either side may lack.
type OptionPair = (Option<Value>, Option<Value>);

/// Merges values three ways, collecting the conflicts.
#[derive(Default)]
struct Merger {
    conflicts: Vec<String>,
}

impl Merger {
    fn conflict(&mut self, name: &str) {
        let name = if name.is_empty() { "the file" } else { name };
        if !self.conflicts.iter().any(|known| known == name) {
            self.conflicts.push(name.to_owned());
        }
    }

    /// Merges one value both sides have. `base` is `None` when it did not
    /// exist before.
    fn merge(&mut self, rule: Rule, name: &str, base: Option<&Value>, ours: &Value, theirs: &Value) -> Pair {
        if matches!(rule, Rule::Ours) || ours == theirs || base == Some(theirs) {
            return (ours.clone(), ours.clone());
        }
        if base == Some(ours) {
            return (theirs.clone(), theirs.clone());
        }
        match rule {
            Rule::Later | Rule::Earlier => {
                let time = |value: &Value| serde_json::from_value::<Timestamp>(value.clone()).ok();
                match (time(ours), time(theirs)) {
                    (Some(a), Some(b)) => {
                        let later = b > a;
                        let pick = if later == matches!(rule, Rule::Later) && a != b { theirs } else { ours };
                        (pick.clone(), pick.clone())
                    }
                    _ => self.whole(name, ours, theirs),
                }
            }
            Rule::Fields(fields) => match (ours, theirs) {
                (Value::Object(o), Value::Object(t)) => {
                    self.fields(fields, name, base.and_then(Value::as_object), o, t)
                }
                _ => self.whole(name, ours, theirs),
            },
            Rule::Auto => match (ours, theirs) {
                (Value::Object(o), Value::Object(t)) => self.fields(auto, name, base.and_then(Value::as_object), o, t),
                (Value::String(o), Value::String(t)) => {
                    self.text(name, base.and_then(Value::as_str).unwrap_or_default(), o, t)
                }
                (Value::Array(o), Value::Array(t)) => {
                    let base = base.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
                    let (o, t) = if [base, o, t].iter().all(|list| distinct_strings(list)) {
                        let members = set_merge(base, o, t);
                        self.order(name, base, o, t, &members, &members)
                    } else {
                        self.sequence(name, base, o, t, false)
                    };
                    (Value::Array(o), Value::Array(t))
                }
                _ => self.whole(name, ours, theirs),
            },
            Rule::Keyed(_) | Rule::Log | Rule::Revisions | Rule::SortedSet | Rule::PhotoUses => {
                let (Value::Array(o), Value::Array(t)) = (ours, theirs) else {
                    return self.whole(name, ours, theirs);
                };
                let base = base.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
                let (o, t) = match rule {
                    Rule::Keyed(keyed) => self.keyed(keyed, name, base, o, t),
                    Rule::Log => self.sequence(name, base, o, t, true),
                    Rule::Revisions => self.revisions(name, base, o, t),
                    Rule::SortedSet => self.sorted_set(name, base, o, t),
                    _ => self.photo_uses(name, base, o, t),
                };
                (Value::Array(o), Value::Array(t))
            }
            Rule::Whole | Rule::Ours => self.whole(name, ours, theirs),
        }
    }

    /// A conflict over a whole value.
    fn whole(&mut self, name: &str, ours: &Value, theirs: &Value) -> Pair {
        self.conflict(name);
        (ours.clone(), theirs.clone())
    }

    /// Merges something either side may lack (a map's entry, a list's
    /// element): removed on one side and changed on the other is a
    /// conflict.
    fn slot(
        &mut self,
        rule: Rule,
        name: &str,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> OptionPair {
        if ours == theirs || base == theirs || (matches!(rule, Rule::Ours) && ours.is_some()) {
            return (ours.cloned(), ours.cloned());
        }
        if base == ours {
            return (theirs.cloned(), theirs.cloned());
        }
        match (ours, theirs) {
            (Some(o), Some(t)) => {
                let (o, t) = self.merge(rule, name, base, o, t);
                (Some(o), Some(t))
            }
            _ => {
                self.conflict(name);
                (ours.cloned(), theirs.cloned())
            }
        }
    }

    /// Objects field by field.
    fn fields(
        &mut self,
        rule: fn(&str) -> Rule,
        name: &str,
        base: Option<&Map<String, Value>>,
        ours: &Map<String, Value>,
        theirs: &Map<String, Value>,
    ) -> Pair {
        let (mut merged_ours, mut merged_theirs) = (Map::new(), Map::new());
        let keys = ours.keys().chain(theirs.keys().filter(|key| !ours.contains_key(*key)));
        for key in keys {
            let (o, t) = self.slot(
                rule(key),
                &join(name, &label(key)),
                base.and_then(|b| b.get(key)),
                ours.get(key),
                theirs.get(key),
            );
            if let Some(o) = o {
                merged_ours.insert(key.clone(), o);
            }
            if let Some(t) = t {
                merged_theirs.insert(key.clone(), t);
            }
        }
        (Value::Object(merged_ours), Value::Object(merged_theirs))
    }

    /// Text paragraph by paragraph: a paragraph both sides changed
    /// differently (or two different paragraphs both added in one place)
    /// is a conflict named by its number in our text. A one-line field is
    /// one paragraph, so it merges whole.
    fn text(&mut self, name: &str, base: &str, ours: &str, theirs: &str) -> Pair {
        let chunks = diff::merge3_paragraphs(base, ours, theirs);
        let whole = chunks.len() == 1;
        let mut number = 1;
        for chunk in &chunks {
            match chunk {
                Chunk3::Clean(paragraphs) => number += paragraphs.len(),
                Chunk3::Conflict { ours, .. } => {
                    let last = number + ours.len().saturating_sub(1);
                    self.conflict(&match () {
                        () if whole => name.to_owned(),
                        () if last > number => format!("{name}, paragraphs {number}–{last}"),
                        () => format!("{name}, paragraph {number}"),
                    });
                    number += ours.len();
                }
            }
        }
        (Value::String(diff::merged_text(&chunks, Side::Mine)), Value::String(diff::merged_text(&chunks, Side::Theirs)))
    }

    /// A list as a sequence (diff3 on its elements): what both sides
    /// inserted in one place is all kept, ours first (in time order for a
    /// `log`); other stretches changed differently are conflicts. A value
    /// neither side had twice is kept once.
    fn sequence(
        &mut self,
        name: &str,
        base: &[Value],
        ours: &[Value],
        theirs: &[Value],
        log: bool,
    ) -> (Vec<Value>, Vec<Value>) {
        let mut ids: HashMap<&Value, usize> = HashMap::new();
        let mut values: Vec<&Value> = Vec::new();
        let mut lists: [Vec<usize>; 3] = Default::default();
        for (list, numbered) in [base, ours, theirs].into_iter().zip(lists.iter_mut()) {
            for value in list {
                let id = *ids.entry(value).or_insert_with(|| {
                    values.push(value);
                    values.len() - 1
                });
                numbered.push(id);
            }
        }
        let [b, o, t] = lists;
        let value = |id: &usize| values.get(*id).map(|v| (*v).clone());
        let (mut merged_ours, mut merged_theirs) = (Vec::new(), Vec::new());
        for chunk in diff::merge3(&b, &o, &t) {
            match &chunk {
                Chunk3::Clean(_) => {
                    let items: Vec<Value> = chunk.side(Side::Mine).filter_map(value).collect();
                    merged_ours.extend(items.iter().cloned());
                    merged_theirs.extend(items);
                }
                Chunk3::Conflict { .. } if chunk.is_insert_on_both_sides() => {
                    let mut items: Vec<Value> = chunk.side(Side::Both).filter_map(value).collect();
                    if log {
                        items.sort_by_key(|item| {
                            item.get("at").and_then(|at| serde_json::from_value::<Timestamp>(at.clone()).ok())
                        });
                    }
                    merged_ours.extend(items.iter().cloned());
                    merged_theirs.extend(items);
                }
                Chunk3::Conflict { .. } => {
                    self.conflict(name);
                    merged_ours.extend(chunk.side(Side::Mine).filter_map(value));
                    merged_theirs.extend(chunk.side(Side::Theirs).filter_map(value));
                }
            }
        }
        if distinct(ours) && distinct(theirs) {
            dedup(&mut merged_ours);
            dedup(&mut merged_theirs);
        }
        (merged_ours, merged_theirs)
    }

    /// `members_ours` and `members_theirs` (the merged sets for each
    /// result) in order: the order of the side that reordered what both
    /// kept (ours when neither or both did; both reordering differently is
    /// a conflict), with the other side's additions after the element
    /// they follow there.
    fn order(
        &mut self,
        name: &str,
        base: &[Value],
        ours: &[Value],
        theirs: &[Value],
        members_ours: &[Value],
        members_theirs: &[Value],
    ) -> (Vec<Value>, Vec<Value>) {
        let kept = |list: &[Value]| -> Vec<Value> {
            list.iter().filter(|x| base.contains(x) && ours.contains(x) && theirs.contains(x)).cloned().collect()
        };
        let (kept_base, kept_ours, kept_theirs) = (kept(base), kept(ours), kept(theirs));
        let (ours_moved, theirs_moved) = (kept_ours != kept_base, kept_theirs != kept_base);
        let ours_first = ours_moved || !theirs_moved;
        let for_ours = if ours_first { place(members_ours, ours, theirs) } else { place(members_ours, theirs, ours) };
        let for_theirs = if ours_moved && theirs_moved && kept_ours != kept_theirs {
            self.conflict(&if name.ends_with("order") { name.to_owned() } else { format!("{name} (order)") });
            place(members_theirs, theirs, ours)
        } else if ours_first {
            place(members_theirs, ours, theirs)
        } else {
            place(members_theirs, theirs, ours)
        };
        (for_ours, for_theirs)
    }

    /// Words as a set, sorted as the dictionary is (ignoring case).
    fn sorted_set(&mut self, name: &str, base: &[Value], ours: &[Value], theirs: &[Value]) -> (Vec<Value>, Vec<Value>) {
        if ![base, ours, theirs].iter().all(|list| list.iter().all(Value::is_string)) {
            return self.sequence(name, base, ours, theirs, false);
        }
        let mut words = set_merge(base, ours, theirs);
        dedup(&mut words);
        words.sort_by_key(|word| word.as_str().unwrap_or_default().to_lowercase());
        (words.clone(), words)
    }

    /// Objects by the id in `keyed.key`: each element merged as a slot
    /// (field by field or whole), the ids ordered as [`Self::order`] does.
    /// Falls back to [`Self::sequence`] when an element has no id or an id
    /// is used twice.
    fn keyed(
        &mut self,
        keyed: Keyed,
        name: &str,
        base: &[Value],
        ours: &[Value],
        theirs: &[Value],
    ) -> (Vec<Value>, Vec<Value>) {
        let (Some(base_ids), Some(ours_ids), Some(theirs_ids)) =
            (ids_of(base, keyed.key), ids_of(ours, keyed.key), ids_of(theirs, keyed.key))
        else {
            return self.sequence(name, base, ours, theirs, false);
        };
        let parent = name.rsplit_once(": ").map_or("", |(parent, _)| parent);
        let rule = keyed.fields.map_or(Rule::Whole, Rule::Fields);
        let mut merged: Vec<(Value, OptionPair)> = Vec::new();
        for id in ours_ids.iter().chain(theirs_ids.iter().filter(|id| !ours_ids.contains(id))) {
            let element_name = join(parent, &(keyed.name)(id.as_str().unwrap_or_default()));
            let pair = self.slot(
                rule,
                &element_name,
                by_id(base, &base_ids, id),
                by_id(ours, &ours_ids, id),
                by_id(theirs, &theirs_ids, id),
            );
            merged.push((id.clone(), pair));
        }
        let present = |ours_side: bool| -> Vec<Value> {
            merged
                .iter()
                .filter(|(_, (o, t))| if ours_side { o.is_some() } else { t.is_some() })
                .map(|(id, _)| id.clone())
                .collect()
        };
        let (members_ours, members_theirs) = (present(true), present(false));
        let (order_ours, order_theirs) =
            self.order(name, &base_ids, &ours_ids, &theirs_ids, &members_ours, &members_theirs);
        let collect = |order: &[Value], ours_side: bool| -> Vec<Value> {
            order
                .iter()
                .filter_map(|id| merged.iter().find(|(known, _)| known == id))
                .filter_map(|(_, (o, t))| if ours_side { o.clone() } else { t.clone() })
                .collect()
        };
        (collect(&order_ours, true), collect(&order_theirs, false))
    }

    /// A story's photo uses: by photo, and which one leads is one choice
    /// (two sides picking different leads is a conflict, not two leads).
    fn photo_uses(&mut self, name: &str, base: &[Value], ours: &[Value], theirs: &[Value]) -> (Vec<Value>, Vec<Value>) {
        let keyed = Keyed { key: "photo", name: photo_name, fields: Some(photo_use_field) };
        if [base, ours, theirs].iter().any(|list| ids_of(list, keyed.key).is_none()) {
            return self.sequence(name, base, ours, theirs, false);
        }
        let lead = |list: &[Value]| {
            list.iter()
                .find(|used| used.get("lead") == Some(&Value::Bool(true)))
                .and_then(|used| used.get("photo"))
                .cloned()
        };
        let without_lead = |list: &[Value]| -> Vec<Value> {
            list.iter()
                .map(|used| {
                    let mut used = used.clone();
                    if let Some(fields) = used.as_object_mut() {
                        fields.remove("lead");
                    }
                    used
                })
                .collect()
        };
        let (lead_base, lead_ours, lead_theirs) = (lead(base), lead(ours), lead(theirs));
        let parent = name.rsplit_once(": ").map_or("", |(parent, _)| parent);
        let (lead_for_ours, lead_for_theirs) = self.slot(
            Rule::Whole,
            &join(parent, "lead photo"),
            lead_base.as_ref(),
            lead_ours.as_ref(),
            lead_theirs.as_ref(),
        );
        let (mut merged_ours, mut merged_theirs) =
            self.keyed(keyed, name, &without_lead(base), &without_lead(ours), &without_lead(theirs));
        for (list, lead) in [(&mut merged_ours, lead_for_ours), (&mut merged_theirs, lead_for_theirs)] {
            for used in list.iter_mut() {
                let is_lead = lead.is_some() && used.get("photo") == lead.as_ref();
                if let Some(fields) = used.as_object_mut() {
                    fields.insert("lead".to_owned(), Value::Bool(is_lead));
                }
            }
        }
        (merged_ours, merged_theirs)
    }

    /// A story's revisions by number: one both sides have merges whole;
    /// those added on both sides are all kept, and when both took the same
    /// number, theirs are renumbered after the highest. Numbers always go
    /// up.
    fn revisions(&mut self, name: &str, base: &[Value], ours: &[Value], theirs: &[Value]) -> (Vec<Value>, Vec<Value>) {
        let (Some(base_numbers), Some(ours_numbers), Some(theirs_numbers)) =
            (numbers_of(base), numbers_of(ours), numbers_of(theirs))
        else {
            let (mut o, mut t) = self.sequence(name, base, ours, theirs, false);
            renumber_upwards(&mut o);
            renumber_upwards(&mut t);
            return (o, t);
        };
        let parent = name.rsplit_once(": ").map_or("", |(parent, _)| parent);
        let find = |list: &'_ [Value], numbers: &[u64], number: u64| -> Option<Value> {
            numbers.iter().position(|n| *n == number).and_then(|i| list.get(i)).cloned()
        };
        let (mut merged_ours, mut merged_theirs) = (Vec::new(), Vec::new());
        for number in &base_numbers {
            let (o, t) = self.slot(
                Rule::Whole,
                &join(parent, &format!("revision {number}")),
                find(base, &base_numbers, *number).as_ref(),
                find(ours, &ours_numbers, *number).as_ref(),
                find(theirs, &theirs_numbers, *number).as_ref(),
            );
            merged_ours.extend(o);
            merged_theirs.extend(t);
        }
        let added = |list: &[Value], numbers: &[u64]| -> Vec<(u64, Value)> {
            numbers.iter().zip(list).filter(|(n, _)| !base_numbers.contains(*n)).map(|(n, v)| (*n, v.clone())).collect()
        };
        let ours_added = added(ours, &ours_numbers);
        let mut theirs_added: Vec<(u64, Value)> =
            added(theirs, &theirs_numbers).into_iter().filter(|revision| !ours_added.contains(revision)).collect();
        let taken: HashSet<u64> = ours_added.iter().map(|(n, _)| *n).collect();
        if theirs_added.iter().any(|(n, _)| taken.contains(n)) {
            let highest = merged_ours
                .iter()
                .chain(&merged_theirs)
                .filter_map(number_of)
                .chain(taken.iter().copied())
                .max()
                .unwrap_or(0);
            for (next, (number, revision)) in (highest + 1..).zip(theirs_added.iter_mut()) {
                *number = next;
                if let Some(fields) = revision.as_object_mut() {
                    fields.insert("number".to_owned(), Value::from(next));
                }
            }
        }
        for list in [&mut merged_ours, &mut merged_theirs] {
            list.extend(ours_added.iter().chain(&theirs_added).map(|(_, revision)| revision.clone()));
            list.sort_by_key(|revision| number_of(revision).unwrap_or(0));
            renumber_upwards(list);
        }
        (merged_ours, merged_theirs)
    }
}

/// The element of `list` whose id (in `ids`, in the same order) is `id`.
fn by_id<'a>(list: &'a [Value], ids: &[Value], id: &Value) -> Option<&'a Value> {
    ids.iter().position(|x| x == id).and_then(|index| list.get(index))
}

/// Each element's id in `key`, as long as every element has a text id
/// and no id is used twice.
fn ids_of(list: &[Value], key: &str) -> Option<Vec<Value>> {
    let ids: Vec<Value> =
        list.iter().map(|element| element.get(key).filter(|id| id.is_string()).cloned()).collect::<Option<_>>()?;
    distinct(&ids).then_some(ids)
}

fn number_of(revision: &Value) -> Option<u64> {
    revision.get("number").and_then(Value::as_u64)
}

/// Each revision's number, as long as they are distinct.
fn numbers_of(list: &[Value]) -> Option<Vec<u64>> {
    let numbers: Vec<u64> = list.iter().map(number_of).collect::<Option<_>>()?;
    let unique: HashSet<&u64> = numbers.iter().collect();
    (unique.len() == numbers.len()).then_some(numbers)
}

/// Makes revision numbers go up, bumping any that does not.
fn renumber_upwards(revisions: &mut [Value]) {
    let mut last: Option<u64> = None;
    for revision in revisions {
        let number = number_of(revision).unwrap_or(0);
        let number = match last {
            Some(before) if number <= before => before + 1,
            _ => number,
        };
        if let Some(fields) = revision.as_object_mut() {
            fields.insert("number".to_owned(), Value::from(number));
        }
        last = Some(number);
    }
}

/// Whether no value is in `list` twice.
fn distinct(list: &[Value]) -> bool {
    let unique: HashSet<&Value> = list.iter().collect();
    unique.len() == list.len()
}

/// Whether `list` holds only text, none of it twice.
fn distinct_strings(list: &[Value]) -> bool {
    list.iter().all(Value::is_string) && distinct(list)
}

/// Keeps the first of equal values.
fn dedup(list: &mut Vec<Value>) {
    let mut seen: HashSet<Value> = HashSet::new();
    list.retain(|value| seen.insert(value.clone()));
}

/// The three-way merge of sets: what both sides kept, and what either
/// added; what either removed is gone. Ours' order, then theirs'.
fn set_merge(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let keep = |x: &Value| (ours.contains(x) && theirs.contains(x)) || !base.contains(x);
    let mut members: Vec<Value> = ours.iter().chain(theirs).filter(|x| keep(x)).cloned().collect();
    dedup(&mut members);
    members
}

/// `members` in `first`'s order, each of the rest placed after the
/// element it follows in `second`, else before the one it precedes there,
/// else at the end.
fn place(members: &[Value], first: &[Value], second: &[Value]) -> Vec<Value> {
    let mut placed: Vec<Value> = Vec::new();
    for x in first {
        if members.contains(x) && !placed.contains(x) {
            placed.push(x.clone());
        }
    }
    for (index, x) in second.iter().enumerate() {
        if !members.contains(x) || placed.contains(x) {
            continue;
        }
        let position = |neighbour: &Value| placed.iter().position(|y| y == neighbour);
        let after = second.get(..index).unwrap_or_default().iter().rev().find_map(position).map(|at| at + 1);
        let before = || second.get(index + 1..).unwrap_or_default().iter().find_map(position);
        let at = after.or_else(before).unwrap_or(placed.len());
        placed.insert(at, x.clone());
    }
    for x in members {
        if !placed.contains(x) {
            placed.push(x.clone());
        }
    }
    placed
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::{Activity, Event, PhotoUse, Revision, SignOff, StoryStatus};

    const STORY: &str = include_str!("../../projects/drone-attacks/stories/iraq-drone-attacks.ron");
    const STORY_PATH: &str = "stories/iraq-drone-attacks.ron";
    const PHOTO: &str = include_str!("../../projects/drone-attacks/photos/813352358fb60602.ron");
    const PHOTO_PATH: &str = "photos/813352358fb60602.ron";
    const PROJECT: &str = include_str!("../../projects/drone-attacks/project.ron");
    /// A `project.ron` of the current schema (the sample's is older).
    const CURRENT_PROJECT: &str = include_str!("../../tests/fixtures/projects/schema-8/project.ron");
    /// A photo record of the current schema (the sample's are older).
    const CURRENT_PHOTO: &str = include_str!("../../tests/fixtures/projects/schema-8/photos/5d618765e3fe1540.ron");

    fn at(text: &str) -> Timestamp {
        Timestamp::parse_short(text).unwrap()
    }

    fn sample() -> Story {
        storage::parse_story(STORY, Path::new(STORY_PATH)).unwrap()
    }

    fn story_text(story: &Story) -> String {
        to_ron(&StoryFile { schema: STORY_SCHEMA, story: story.clone() }).unwrap()
    }

    /// Merges three versions of a story; checks that every text it gives
    /// parses, holds no conflict markers, and that `theirs` is there
    /// exactly when there are conflicts.
    fn merge_stories(base: Option<&Story>, ours: &Story, theirs: &Story) -> (FileMerge, Story, Option<Story>) {
        let base = base.map(story_text);
        let merged = merge_file(STORY_PATH, base.as_deref(), &story_text(ours), &story_text(theirs)).unwrap();
        assert_eq!(merged.theirs.is_some(), !merged.conflicts.is_empty(), "{merged:?}");
        let parse = |text: &str| {
            assert!(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"));
            storage::parse_story(text, Path::new(STORY_PATH)).unwrap()
        };
        let text = parse(&merged.text);
        let theirs = merged.theirs.as_deref().map(parse);
        (merged, text, theirs)
    }

    fn paragraph(body: &str, index: usize) -> String {
        diff::paragraphs(body)[index].to_owned()
    }

    fn with_paragraph(body: &str, index: usize, text: &str) -> String {
        let mut paragraphs: Vec<String> = diff::paragraphs(body).into_iter().map(str::to_owned).collect();
        paragraphs[index] = text.to_owned();
        paragraphs.join("\n\n")
    }

    #[test]
    fn suggestions_and_comments_made_on_two_machines_both_survive_a_merge() {
        let base = sample();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let first = paragraph(&base.body, 0);
        let third = paragraph(&base.body, 2);
        let stamp = at("2026-12-02 10:00");
        // Ana suggests in the first paragraph; Ben comments on the third.
        ours.body = with_paragraph(&base.body, 0, &first.replacen("US military", "US {++sar1|top ++}military", 1));
        ours.suggestions.push(crate::model::Suggestion {
            id: "sar1".into(),
            kind: crate::model::MarkKind::Insert,
            author: "Ana Ruiz".into(),
            at: stamp,
        });
        theirs.body = with_paragraph(&base.body, 2, &format!("{{==cbo1|{third}==}}"));
        theirs.comments.push(crate::model::Comment {
            id: "cbo1".into(),
            author: "Ben Okafor".into(),
            at: stamp,
            text: "Source?".into(),
            resolved: false,
            replies: Vec::new(),
        });
        let (merged, story, _) = merge_stories(Some(&base), &ours, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert_eq!(crate::model::tracked::suggestion_ids(&story.body), ["sar1"]);
        assert!(story.body.contains("{==cbo1|"));
        assert_eq!((story.suggestions.len(), story.comments.len()), (1, 1));
        assert_eq!(crate::model::tracked::as_it_stands(&story.body), base.body);
    }

    #[test]
    fn merged_files_are_written_as_copydesk_saves_them() {
        let story = sample();
        assert_eq!(story_text(&story), STORY);
        let photo = storage::parse_photo(CURRENT_PHOTO, Path::new(PHOTO_PATH)).unwrap();
        assert_eq!(to_ron(&PhotoFile { schema: PHOTO_SCHEMA, photo }).unwrap(), CURRENT_PHOTO);
        let file = storage::parse_project(CURRENT_PROJECT, Path::new(PROJECT_FILE)).unwrap();
        let file = ProjectFile {
            schema: PROJECT_SCHEMA,
            name: file.name,
            story_order: file.story_order,
            settings: file.settings,
        };
        assert_eq!(to_ron(&file).unwrap(), CURRENT_PROJECT);
        // A clean merge that changes nothing of substance is the file itself.
        let mut ours = story.clone();
        ours.headline = "New".into();
        let mut theirs = story.clone();
        theirs.headline = "New".into();
        theirs.target_words = 900;
        let merged = merge_file(STORY_PATH, Some(STORY), &story_text(&ours), &story_text(&theirs)).unwrap();
        assert_eq!(merged.text, story_text(&theirs));
    }

    #[test]
    fn edits_to_different_paragraphs_and_fields_merge() {
        let base = sample();
        let mut ours = base.clone();
        ours.body = with_paragraph(&base.body, 0, "Ours rewrote the opening.");
        ours.headline = "Drones alarm the Pentagon".into();
        ours.tags.push("Pentagon".into());
        let mut theirs = base.clone();
        theirs.body = with_paragraph(&base.body, 3, "Theirs rewrote the fourth paragraph.");
        theirs.status = StoryStatus::Ready;
        theirs.notes = "Check the figures with the desk.".into();
        theirs.tags.insert(0, "Middle East".into());
        let (merged, story, _) = merge_stories(Some(&base), &ours, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert_eq!(paragraph(&story.body, 0), "Ours rewrote the opening.");
        assert_eq!(paragraph(&story.body, 3), "Theirs rewrote the fourth paragraph.");
        assert_eq!(paragraph(&story.body, 1), paragraph(&base.body, 1));
        assert_eq!(diff::paragraphs(&story.body).len(), diff::paragraphs(&base.body).len());
        assert_eq!(story.headline, "Drones alarm the Pentagon");
        assert_eq!(story.status, StoryStatus::Ready);
        assert_eq!(story.notes, "Check the figures with the desk.");
        assert_eq!(story.tags, ["Middle East", "Iraq", "United States", "drones", "Pentagon"]);
    }

    #[test]
    fn the_same_paragraph_changed_both_ways_is_one_conflict() {
        let base = sample();
        let mut ours = base.clone();
        ours.body = with_paragraph(&base.body, 2, "Ours: the official described the threat.");
        ours.dek = "Ours added a dek.".into();
        let mut theirs = base.clone();
        theirs.body = with_paragraph(&base.body, 2, "Theirs: the official called it the biggest concern.");
        let (merged, story, their_story) = merge_stories(Some(&base), &ours, &theirs);
        assert_eq!(merged.conflicts, ["body, paragraph 3"]);
        assert_eq!(story.body, ours.body);
        assert_eq!(story.dek, "Ours added a dek.");
        let their_story = their_story.unwrap();
        assert_eq!(their_story.body, theirs.body);
        assert_eq!(their_story.dek, "Ours added a dek.", "what merged cleanly is in both");
    }

    #[test]
    fn one_line_fields_and_values_conflict_whole() {
        let base = sample();
        let mut ours = base.clone();
        ours.headline = "Ours".into();
        ours.status = StoryStatus::Ready;
        ours.updated = at("2026-11-26 10:00");
        let mut theirs = base.clone();
        theirs.headline = "Theirs".into();
        theirs.status = StoryStatus::Spiked;
        theirs.updated = at("2026-11-26 11:00");
        let (merged, story, their_story) = merge_stories(Some(&base), &ours, &theirs);
        assert_eq!(merged.conflicts, ["headline", "status"]);
        assert_eq!((story.headline.as_str(), story.status), ("Ours", StoryStatus::Ready));
        let their_story = their_story.unwrap();
        assert_eq!((their_story.headline.as_str(), their_story.status), ("Theirs", StoryStatus::Spiked));
        assert_eq!(story.updated, at("2026-11-26 11:00"), "the later time, not a conflict");
        assert_eq!(their_story.updated, at("2026-11-26 11:00"));
    }

    #[test]
    fn identical_changes_and_one_sided_changes_are_clean() {
        let base = sample();
        let mut ours = base.clone();
        ours.headline = "Both".into();
        let merged = merge_file(STORY_PATH, Some(STORY), &story_text(&ours), &story_text(&ours)).unwrap();
        assert_eq!((merged.text, merged.conflicts.len()), (story_text(&ours), 0));
        let merged = merge_file(STORY_PATH, Some(STORY), STORY, &story_text(&ours)).unwrap();
        assert_eq!(merged.text, story_text(&ours));
        let merged = merge_file(STORY_PATH, Some(STORY), &story_text(&ours), STORY).unwrap();
        assert_eq!(merged.text, story_text(&ours));
    }

    fn activity(time: &str, by: &str, to: StoryStatus) -> Activity {
        Activity { at: at(time), by: by.into(), event: Event::Status { from: StoryStatus::CopyEdit, to } }
    }

    #[test]
    fn activity_appended_on_both_sides_keeps_both() {
        let mut base = sample();
        base.activity.push(activity("2026-11-25 12:00", "Ana", StoryStatus::CopyEdit));
        let mut ours = base.clone();
        ours.activity.push(activity("2026-11-26 10:30", "Ana", StoryStatus::Ready));
        let mut theirs = base.clone();
        theirs.activity.push(activity("2026-11-26 09:15", "Ben", StoryStatus::Editing));
        theirs.activity.push(activity("2026-11-26 11:00", "Ben", StoryStatus::Ready));
        let (merged, story, _) = merge_stories(Some(&base), &ours, &theirs);
        let who: Vec<(&str, String)> = story.activity.iter().map(|a| (a.by.as_str(), a.at.short())).collect();
        assert_eq!(
            who,
            [
                ("Ana", "2026-11-25 12:00".to_owned()),
                ("Ben", "2026-11-26 09:15".to_owned()),
                ("Ana", "2026-11-26 10:30".to_owned()),
                ("Ben", "2026-11-26 11:00".to_owned()),
            ],
            "both sides' lines, oldest first"
        );
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    }

    #[test]
    fn revisions_added_on_both_sides_keep_both_with_rising_numbers() {
        let mut base = sample();
        base.revisions.push(base.snapshot("Filed", "Ana", at("2026-11-25 12:00"), false));
        let mut ours = base.clone();
        ours.revisions.push(ours.snapshot("Sent to copy desk", "Ana", at("2026-11-26 10:00"), false));
        let mut theirs = base.clone();
        theirs.headline = "Theirs".into();
        theirs.revisions.push(theirs.snapshot("Headline fixed", "Ben", at("2026-11-26 10:05"), false));
        theirs.revisions.push(theirs.snapshot("Legal", "Ben", at("2026-11-26 10:10"), true));
        assert_eq!(ours.revisions[1].number, theirs.revisions[1].number, "both took number 2");
        let (merged, story, _) = merge_stories(Some(&base), &ours, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let revisions: Vec<(u32, &str)> = story.revisions.iter().map(|r| (r.number, r.name.as_str())).collect();
        assert_eq!(revisions, [(1, "Filed"), (2, "Sent to copy desk"), (3, "Headline fixed"), (4, "Legal")]);
        assert_eq!(story.revision(3).map(|r| r.headline.as_str()), Some("Theirs"));
        assert_eq!(story.next_revision_number(), 5);
        // The same revision taken on both sides is kept once.
        let (_, story, _) = merge_stories(Some(&base), &ours, &ours.clone());
        assert_eq!(story.revisions.len(), 2);
    }

    #[test]
    fn a_revision_removed_on_one_side_is_removed() {
        let mut base = sample();
        base.revisions.push(base.snapshot("Filed", "Ana", at("2026-11-25 12:00"), false));
        let mut ours = base.clone();
        ours.revisions.clear();
        let mut theirs = base.clone();
        theirs.revisions.push(theirs.snapshot("Second", "Ben", at("2026-11-26 10:05"), false));
        let (merged, story, _) = merge_stories(Some(&base), &ours, &theirs);
        assert!(merged.conflicts.is_empty());
        let numbers: Vec<u32> = story.revisions.iter().map(|r: &Revision| r.number).collect();
        assert_eq!(numbers, [2]);
    }

    fn sign_off(item: &str, by: &str, time: &str) -> SignOff {
        SignOff { item: item.into(), by: by.into(), at: at(time), fingerprint: "0123".into(), covered_text: "x".into() }
    }

    #[test]
    fn sign_offs_merge_by_item() {
        let base = sample();
        let mut ours = base.clone();
        ours.signoffs.push(sign_off("facts-checked", "Ana", "2026-11-26 10:00"));
        let mut theirs = base.clone();
        theirs.signoffs.push(sign_off("legal-reviewed", "Ben", "2026-11-26 10:05"));
        let (merged, story, _) = merge_stories(Some(&base), &ours, &theirs);
        assert!(merged.conflicts.is_empty());
        let items: Vec<&str> = story.signoffs.iter().map(|s| s.item.as_str()).collect();
        assert_eq!(items, ["facts-checked", "legal-reviewed"]);
        // The same item signed on both sides: one sign-off, and a conflict.
        theirs.signoffs.push(sign_off("facts-checked", "Ben", "2026-11-26 10:06"));
        let (merged, story, their_story) = merge_stories(Some(&base), &ours, &theirs);
        assert_eq!(merged.conflicts, ["sign-off facts-checked"]);
        let signers = |story: &Story| -> Vec<(String, String)> {
            story.signoffs.iter().map(|s| (s.item.clone(), s.by.clone())).collect()
        };
        // Theirs signed legal before facts, so legal comes first.
        assert_eq!(signers(&story), [("legal-reviewed".into(), "Ben".into()), ("facts-checked".into(), "Ana".into())]);
        let their_story = their_story.unwrap();
        assert!(signers(&their_story).contains(&("facts-checked".into(), "Ben".into())));
        assert_eq!(their_story.signoffs.len(), 2);
    }

    #[test]
    fn photo_uses_merge_by_photo_with_one_lead() {
        let base = sample();
        let (first, second) = (base.photos[0].photo.clone(), base.photos[1].photo.clone());
        let third = PhotoId::from_hex("00000000000000ff").unwrap();
        let mut ours = base.clone();
        ours.photos[1].crop = Some(crate::model::Crop { x: 0.1, y: 0.2, width: 0.5, height: 0.25 });
        let mut theirs = base.clone();
        theirs.photos.push(PhotoUse::of(third.clone()));
        theirs.photos[0].focal_point = Some((0.3, 0.7));
        let (merged, story, _) = merge_stories(Some(&base), &ours, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let ids: Vec<&PhotoId> = story.photos.iter().map(|u| &u.photo).collect();
        assert_eq!(ids, [&first, &second, &third]);
        assert_eq!(story.photos[1].crop, ours.photos[1].crop);
        assert_eq!(story.photos[0].focal_point, Some((0.3, 0.7)));
        assert_eq!(story.photos.iter().filter(|u| u.lead).count(), 1);
        // Different leads picked on each side: one lead each way, a conflict.
        let mut ours = base.clone();
        for used in &mut ours.photos {
            used.lead = used.photo == second;
        }
        let mut theirs = base.clone();
        theirs.photos.push(PhotoUse { lead: true, ..PhotoUse::of(third.clone()) });
        theirs.photos[0].lead = false;
        let (merged, story, their_story) = merge_stories(Some(&base), &ours, &theirs);
        assert_eq!(merged.conflicts, ["lead photo"]);
        let lead = |story: &Story| -> Vec<PhotoId> {
            story.photos.iter().filter(|u| u.lead).map(|u| u.photo.clone()).collect()
        };
        assert_eq!(lead(&story), [second]);
        assert_eq!(lead(&their_story.unwrap()), [third]);
        assert_eq!(story.photos.len(), 3);
    }

    #[test]
    fn a_photo_record_merges_caption_and_credit() {
        let base = storage::parse_photo(PHOTO, Path::new(PHOTO_PATH)).unwrap();
        let write = |photo: &Photo| to_ron(&PhotoFile { schema: PHOTO_SCHEMA, photo: photo.clone() }).unwrap();
        let mut ours = base.clone();
        ours.caption = "A new caption.".into();
        ours.keywords.push("Capitol".into());
        let mut theirs = base.clone();
        theirs.credit = "AFP/Getty".into();
        theirs.keywords.push("Congress".into());
        let merged = merge_file(PHOTO_PATH, Some(PHOTO), &write(&ours), &write(&theirs)).unwrap();
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let photo = storage::parse_photo(&merged.text, Path::new(PHOTO_PATH)).unwrap();
        assert_eq!((photo.caption.as_str(), photo.credit.as_str()), ("A new caption.", "AFP/Getty"));
        assert_eq!(photo.keywords, ["Capitol", "Congress"]);
        // Both captions: named for the editor.
        theirs.caption = "Their caption.".into();
        let merged = merge_file(PHOTO_PATH, Some(PHOTO), &write(&ours), &write(&theirs)).unwrap();
        assert_eq!(merged.conflicts, ["photo 8133…: caption"]);
        let their_photo = storage::parse_photo(merged.theirs.as_deref().unwrap(), Path::new(PHOTO_PATH)).unwrap();
        assert_eq!((their_photo.caption.as_str(), their_photo.credit.as_str()), ("Their caption.", "AFP/Getty"));
    }

    #[test]
    fn a_suggestion_in_a_caption_survives_a_merge_with_a_new_credit() {
        let base = storage::parse_photo(PHOTO, Path::new(PHOTO_PATH)).unwrap();
        let write = |photo: &Photo| to_ron(&PhotoFile { schema: PHOTO_SCHEMA, photo: photo.clone() }).unwrap();
        let shown = format!("{} Updated.", base.caption);
        let edit = crate::edit::typed_caption(&base, &shown, ("Ana Ruiz", at("2026-12-03 19:00")), true);
        let mut project = crate::model::Project::new("p");
        project.photos.push(base.clone());
        edit.unwrap().unwrap().apply(&mut project).unwrap();
        let ours = project.photos.remove(0);
        let mut theirs = base.clone();
        theirs.credit = "AFP/Getty".into();
        let merged = merge_file(PHOTO_PATH, Some(PHOTO), &write(&ours), &write(&theirs)).unwrap();
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let photo = storage::parse_photo(&merged.text, Path::new(PHOTO_PATH)).unwrap();
        assert!(photo.caption.ends_with("{++sar1| Updated.++}"), "{}", photo.caption);
        assert_eq!((photo.suggestions.len(), photo.credit.as_str()), (1, "AFP/Getty"));
    }

    fn project_text(order: &[&str], edit: impl Fn(&mut crate::model::ProjectSettings)) -> String {
        let file = storage::parse_project(PROJECT, Path::new(PROJECT_FILE)).unwrap();
        let mut settings = file.settings;
        edit(&mut settings);
        let story_order = order.iter().map(|slug| Slug::new(slug).unwrap()).collect();
        to_ron(&ProjectFile { schema: PROJECT_SCHEMA, name: file.name, story_order, settings }).unwrap()
    }

    fn parse_project(text: &str) -> (Vec<String>, crate::model::ProjectSettings) {
        let file = storage::parse_project(text, Path::new(PROJECT_FILE)).unwrap();
        (file.story_order.iter().map(ToString::to_string).collect(), file.settings)
    }

    #[test]
    fn project_story_order_and_settings_merge() {
        let base = project_text(&["a", "b", "c"], |_| {});
        let ours = project_text(&["c", "a", "b", "ours"], |s| {
            s.dictionary = vec!["Qayara".into(), "Soleimani".into()];
            s.language = "en-GB".into();
        });
        let theirs = project_text(&["a", "theirs", "b", "c"], |s| {
            s.dictionary = vec!["Muhandis".into()];
            s.headline_max_chars = 80;
        });
        let merged = merge_file(PROJECT_FILE, Some(&base), &ours, &theirs).unwrap();
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let (order, settings) = parse_project(&merged.text);
        assert_eq!(order, ["c", "a", "theirs", "b", "ours"]);
        assert_eq!(settings.dictionary, ["Muhandis", "Qayara", "Soleimani"]);
        assert!(settings.names.is_empty());
        assert_eq!((settings.language.as_str(), settings.headline_max_chars), ("en-GB", 80));
        // A story removed on one side is gone, and one side's reordering
        // is kept.
        let theirs = project_text(&["b", "a"], |_| {});
        let merged = merge_file(PROJECT_FILE, Some(&base), &ours, &theirs).unwrap();
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert_eq!(parse_project(&merged.text).0, ["b", "ours", "a"], "ours' addition stays after b");
        // Both reordering differently is a conflict.
        let theirs = project_text(&["b", "c", "a"], |s| s.language = "fr-FR".into());
        let merged = merge_file(PROJECT_FILE, Some(&base), &ours, &theirs).unwrap();
        assert_eq!(merged.conflicts, ["settings: language", "story order"]);
        assert_eq!(parse_project(&merged.text).0, ["c", "a", "b", "ours"]);
        let (order, settings) = parse_project(merged.theirs.as_deref().unwrap());
        assert_eq!(
            (order, settings.language.as_str()),
            (vec!["b".into(), "ours".into(), "c".into(), "a".into()], "fr-FR")
        );
    }

    #[test]
    fn names_merge_as_a_sorted_set_like_the_dictionary() {
        let base = project_text(&["a"], |s| s.names = vec!["Muhandis".into(), "Qayara".into()]);
        // Ours adds one and drops one; theirs adds two, one of them ours too.
        let ours = project_text(&["a"], |s| s.names = vec!["IRGC".into(), "Qayara".into()]);
        let theirs = project_text(&["a"], |s| {
            s.names = vec!["al-Asadi".into(), "IRGC".into(), "Muhandis".into(), "Qayara".into()];
            s.dictionary = vec!["drone".into()];
        });
        let merged = merge_file(PROJECT_FILE, Some(&base), &ours, &theirs).unwrap();
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let (_, settings) = parse_project(&merged.text);
        assert_eq!(settings.names, ["al-Asadi", "IRGC", "Qayara"], "a union without what ours removed, sorted");
        assert_eq!(settings.dictionary, ["drone"], "names and dictionary stay apart");
        // A base from before names (project schema 3) merges against none.
        let merged = merge_file(PROJECT_FILE, Some(PROJECT), &ours, &theirs).unwrap();
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert_eq!(parse_project(&merged.text).1.names, ["al-Asadi", "IRGC", "Muhandis", "Qayara"]);
        assert!(merged.text.starts_with("(\n    schema: 5,\n"), "{}", merged.text);
    }

    #[test]
    fn a_story_added_on_both_sides_merges_against_nothing() {
        let mut ours = Story::new(Slug::new("iraq-drone-attacks").unwrap(), at("2026-11-26 09:00"));
        ours.headline = "Same headline".into();
        ours.body = "Ours.".into();
        ours.tags = vec!["Iraq".into()];
        let mut theirs = ours.clone();
        theirs.created = at("2026-11-26 08:00");
        theirs.body = "Theirs.".into();
        theirs.tags = vec!["drones".into()];
        let (merged, story, their_story) = merge_stories(None, &ours, &theirs);
        assert_eq!(merged.conflicts, ["body"]);
        assert_eq!((story.body.as_str(), their_story.unwrap().body.as_str()), ("Ours.", "Theirs."));
        assert_eq!(story.tags, ["Iraq", "drones"]);
        assert_eq!(story.created, at("2026-11-26 08:00"));
    }

    #[test]
    fn unreadable_sides() {
        let base = sample();
        let mut ours = base.clone();
        ours.headline = "Ours".into();
        let broken = "(schema: 4, story: (slug: ";
        let merged = merge_file(STORY_PATH, Some(STORY), &story_text(&ours), broken).unwrap();
        assert_eq!(merged.text, story_text(&ours));
        assert_eq!(merged.theirs.as_deref(), Some(broken));
        assert_eq!(merged.conflicts.len(), 1);
        assert!(merged.conflicts[0].starts_with("the file could not be read on their side ("), "{merged:?}");
        // Ours broken: theirs, which parses.
        let merged = merge_file(STORY_PATH, Some(STORY), broken, &story_text(&ours)).unwrap();
        assert_eq!(merged.text, story_text(&ours));
        assert!(merged.conflicts[0].starts_with("the file could not be read on our side ("));
        // Both broken: ours as it was.
        let merged = merge_file(STORY_PATH, Some(STORY), broken, "nonsense").unwrap();
        assert_eq!(merged.text, broken);
        assert_eq!(merged.conflicts.len(), 1);
        // A broken base: ours.
        let mut theirs = base.clone();
        theirs.dek = "Theirs".into();
        let merged = merge_file(STORY_PATH, Some(broken), &story_text(&ours), &story_text(&theirs)).unwrap();
        assert_eq!((merged.text, merged.conflicts.len()), (story_text(&ours), 1));
    }

    /// One of a few edits an editor makes to the sample story.
    fn edit(story: &mut Story, which: u8, who: &str) {
        let second = story.photos.get(1).map(|used| used.photo.clone());
        match which {
            0 => story.headline = format!("{who}'s headline"),
            1 => story.body = with_paragraph(&story.body, 2, &format!("{who} rewrote this.")),
            2 => story.body = with_paragraph(&story.body, 5, &format!("{who} fixed that.")),
            3 => story.body.push_str(&format!("\n\n{who} added a paragraph.")),
            4 => story.tags.push(format!("{who}-tag")),
            5 => {
                story.tags.remove(0);
            }
            6 => story.activity.push(activity("2026-11-26 10:00", who, StoryStatus::Ready)),
            7 => story.revisions.push(story.snapshot(who, who, at("2026-11-26 10:00"), false)),
            8 => {
                story.signoffs.retain(|s| s.item != "facts-checked");
                story.signoffs.push(sign_off("facts-checked", who, "2026-11-26 10:00"));
            }
            9 => story.photos.reverse(),
            10 => {
                for used in &mut story.photos {
                    used.lead = Some(&used.photo) == second.as_ref();
                }
            }
            11 if !story.photos.is_empty() => {
                story.photos.remove(0);
            }
            12 => story.status = StoryStatus::Editing,
            13 => story.updated = at(if who == "Ana" { "2026-11-27 10:00" } else { "2026-11-27 11:00" }),
            _ => {
                if let Some(used) = story.photos.first_mut() {
                    used.crop = Some(crate::model::Crop { x: 0.0, y: 0.0, width: 0.5, height: 0.5 });
                }
            }
        }
    }

    proptest::proptest! {
        /// Whatever both sides do, both merged files parse, revision
        /// numbers go up, a photo is used once and at most one leads.
        #[test]
        fn any_edits_on_both_sides_give_files_that_parse(
            ours_edits in proptest::collection::vec(0u8..15, 0..5),
            theirs_edits in proptest::collection::vec(0u8..15, 0..5),
        ) {
            let mut base = sample();
            base.revisions.push(base.snapshot("Filed", "Ana", at("2026-11-25 12:00"), false));
            let (mut ours, mut theirs) = (base.clone(), base.clone());
            for which in ours_edits {
                edit(&mut ours, which, "Ana");
            }
            for which in theirs_edits {
                edit(&mut theirs, which, "Ben");
            }
            let (_, story, their_story) = merge_stories(Some(&base), &ours, &theirs);
            for story in std::iter::once(story).chain(their_story) {
                proptest::prop_assert!(story.photos.iter().filter(|u| u.lead).count() <= 1);
                let ids: HashSet<&PhotoId> = story.photos.iter().map(|u| &u.photo).collect();
                proptest::prop_assert_eq!(ids.len(), story.photos.len());
                let items: HashSet<&str> = story.signoffs.iter().map(|s| s.item.as_str()).collect();
                proptest::prop_assert_eq!(items.len(), story.signoffs.len());
            }
        }
    }

    #[test]
    fn only_project_files_are_merged_here() {
        for path in
            ["notes.txt", "stories/a.txt", "stories/Bad Slug.ron", "photos/abc.ron", "photos/x.jpg", "a/project.ron"]
        {
            assert_eq!(merge_file(path, None, "a", "b"), None, "{path}");
        }
        assert!(merge_file("project.ron", None, "a", "a").is_some());
        assert!(merge_file("photos/0123456789abcdef.ron", None, "a", "a").is_some());
    }
}
