//! Skills: recognising common technologies in a job's title and description.
//!
//! Used when a job lists no `skills`. The built-in list can be extended with `[skills] extra`.
//! Matching is case-insensitive on whole words ("Go" in "Google" does not count).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Built-in skills: the name shown, then the lowercase spellings that name it. The first spelling
/// is the skill's word, as the README's trending line prints it by default ("nodejs").
const BUILT_IN: &[(&str, &[&str])] = &[
    ("Python", &["python", "django", "flask", "fastapi"]),
    ("Java", &["java"]),
    ("JavaScript", &["javascript", "ecmascript"]),
    ("TypeScript", &["typescript"]),
    ("Node.js", &["nodejs", "node.js", "node js"]),
    ("React", &["react", "react.js", "reactjs"]),
    ("Angular", &["angular", "angularjs"]),
    ("Vue", &["vue", "vue.js", "vuejs"]),
    (
        "Go",
        &["golang", "go developer", "go engineer", "go backend"],
    ),
    ("Rust", &["rust"]),
    ("C#", &["c#", "csharp"]),
    (".NET", &[".net", "dotnet", "asp.net"]),
    ("C++", &["c++", "cpp"]),
    ("PHP", &["php", "laravel", "symfony"]),
    ("Ruby", &["ruby", "rails", "ruby on rails"]),
    ("Kotlin", &["kotlin"]),
    ("Scala", &["scala"]),
    ("Swift", &["swift"]),
    ("Elixir", &["elixir"]),
    ("Spring Boot", &["spring boot", "spring"]),
    ("SQL", &["sql"]),
    ("PostgreSQL", &["postgresql", "postgres"]),
    ("MySQL", &["mysql"]),
    ("MongoDB", &["mongodb", "mongo"]),
    ("Redis", &["redis"]),
    ("Kafka", &["kafka"]),
    ("GraphQL", &["graphql"]),
    ("REST API", &["rest api", "restful", "rest apis"]),
    ("Microservices", &["microservices", "microservice"]),
    ("Docker", &["docker"]),
    ("Kubernetes", &["kubernetes", "k8s"]),
    ("AWS", &["aws", "amazon web services"]),
    ("Azure", &["azure"]),
    ("GCP", &["gcp", "google cloud"]),
    ("Terraform", &["terraform"]),
    ("Linux", &["linux"]),
    ("Git", &["git"]),
    ("CI/CD", &["ci/cd", "continuous integration"]),
    (
        "AI",
        &["ai", "artificial intelligence", "genai", "llm", "llms"],
    ),
    ("Machine Learning", &["machine learning", "ml"]),
    ("DevOps", &["devops"]),
    ("HTML", &["html", "html5"]),
    ("CSS", &["css", "css3", "tailwind"]),
    ("Next.js", &["nextjs", "next.js"]),
    ("Flutter", &["flutter"]),
    ("Elasticsearch", &["elasticsearch"]),
];

/// Finds skills in text; built once per build.
pub struct SkillMatcher {
    names: Vec<String>,
    /// For each pattern, the index of its skill in `names`.
    owners: Vec<usize>,
    /// Each pattern's text, in the order of `owners`.
    spellings: Vec<String>,
    automaton: Option<AhoCorasick>,
}

impl SkillMatcher {
    /// The built-in list plus `extra` names (each its own spelling).
    pub fn new(extra: &[String]) -> SkillMatcher {
        let mut names = Vec::new();
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (name, spellings) in BUILT_IN {
            names.push((*name).to_string());
            for spelling in *spellings {
                patterns.push((*spelling).to_string());
                owners.push(names.len() - 1);
            }
        }
        for name in extra.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            names.push(name.to_string());
            patterns.push(name.to_lowercase());
            owners.push(names.len() - 1);
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        SkillMatcher {
            names,
            owners,
            spellings: patterns,
            automaton,
        }
    }

    /// Skills named in the title and description, in the order they first appear.
    pub fn recognise(&self, title: &str, description: &str) -> Vec<String> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut found: Vec<usize> = Vec::new();
        for text in [title, description] {
            for m in automaton.find_iter(text) {
                let owner = self.owners[m.pattern().as_usize()];
                if is_word(text, m.start(), m.end()) && !found.contains(&owner) {
                    found.push(owner);
                }
            }
        }
        found.into_iter().map(|i| self.names[i].clone()).collect()
    }

    /// The lowercase word of a skill name, as the published boards print it: a built-in skill's
    /// first spelling ("Node.js" gives "nodejs"), else the name in lower case.
    pub fn word(&self, name: &str) -> String {
        self.owners
            .iter()
            .position(|&owner| self.names[owner].eq_ignore_ascii_case(name))
            .and_then(|pattern| self.spellings.get(pattern))
            .map_or_else(|| name.to_lowercase(), Clone::clone)
    }

    /// The canonical name of a listed skill when it is a known spelling ("java" gives "Java").
    pub fn canonical(&self, skill: &str) -> Option<&str> {
        let automaton = self.automaton.as_ref()?;
        let m = automaton.find(skill)?;
        (m.start() == 0 && m.end() == skill.len())
            .then(|| self.names[self.owners[m.pattern().as_usize()]].as_str())
    }
}

/// Whether `text[start..end]` stands as a word of its own.
fn is_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    // "Node.js." at a sentence end is still Node.js, but ".NET" inside "ASP.NETX" is not.
    !joins(before) && !joins(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_only() {
        let m = SkillMatcher::new(&[]);
        assert_eq!(m.recognise("Senior Java Backend Developer", ""), ["Java"]);
        assert_eq!(
            m.recognise("JavaScript engineer", "We use React and node.js."),
            ["JavaScript", "React", "Node.js"]
        );
        assert!(m.recognise("Googler wanted", "Rusty? Gopher?").is_empty());
        assert_eq!(m.recognise("C# / .NET developer", ""), ["C#", ".NET"]);
    }

    #[test]
    fn extra_skills_extend_the_list() {
        let m = SkillMatcher::new(&["Zig".to_string()]);
        assert_eq!(m.recognise("Zig and Python", ""), ["Zig", "Python"]);
    }

    #[test]
    fn words_are_the_first_spelling_or_the_name_in_lower_case() {
        let m = SkillMatcher::new(&["GraphQL Federation".to_string()]);
        assert_eq!(m.word("Node.js"), "nodejs");
        assert_eq!(m.word("Python"), "python");
        assert_eq!(m.word("REST API"), "rest api");
        assert_eq!(m.word("GraphQL Federation"), "graphql federation");
        assert_eq!(m.word("Not A Known Skill"), "not a known skill");
    }

    #[test]
    fn canonical_names_for_known_spellings() {
        let m = SkillMatcher::new(&[]);
        assert_eq!(m.canonical("java"), Some("Java"));
        assert_eq!(m.canonical("k8s"), Some("Kubernetes"));
        assert_eq!(m.canonical("javaish"), None);
    }
}
