//! The modules' layers, bottom to top. A module may use the modules of lower layers, never one of
//! its own layer or above: dependencies point one way, so each layer can be read (and tested)
//! without the ones above it. The test reads every `crate::<module>` path in `src/`.

/// (module, layer)
const LAYERS: &[(&str, u8)] = &[
    ("i18n", 0),
    ("error", 1),
    ("domain", 2),
    ("runtime", 2),
    ("config", 3),
    ("db", 4),
    ("mail", 4),
    ("gifts", 4),
    ("auth", 5),
    ("context", 6),
    ("ideas", 7),
    ("invitations", 7),
    ("api", 8),
    ("ui", 9),
    ("server", 10),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// Every `.rs` file under `dir`, with the top-level module it belongs to.
fn files(dir: &std::path::Path, module: Option<&str>, out: &mut Vec<(String, std::path::PathBuf)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let owner = module.map_or(name.clone(), str::to_string);
        if path.is_dir() {
            files(&path, Some(&owner), out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((owner, path));
        }
    }
}

#[test]
fn no_module_uses_one_of_its_own_layer_or_above() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, None, &mut all);
    let mut upward = Vec::new();
    for (module, path) in &all {
        let Some(own) = layer(module) else {
            continue; // lib.rs, main.rs and this file sit above every layer
        };
        let text = std::fs::read_to_string(path).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for (at, _) in code.match_indices("crate::") {
                let used: String = code[at + 7..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if let Some(theirs) = layer(&used).filter(|_| used != *module) {
                    if theirs >= own {
                        upward.push(format!(
                            "{}:{}: {module} (layer {own}) uses {used} (layer {theirs})",
                            path.strip_prefix(&src).unwrap().display(),
                            number + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that run upward:\n{}",
        upward.join("\n")
    );
    // Every module of the crate has a layer.
    for (module, _) in &all {
        assert!(
            layer(module).is_some() || ["lib", "main", "layers"].contains(&module.as_str()),
            "{module} has no layer in src/layers.rs"
        );
    }
}
