use super::*;

/// `templates` (name, text) minified as a theme; returns them and the names left as written.
fn minify_theme(templates: &[(&str, &str)]) -> (Vec<(String, String)>, Vec<String>) {
    let mut templates: Vec<(String, String, bool)> = templates
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string(), false))
        .collect();
    let kept = super::templates(&mut templates);
    let templates = templates.into_iter().map(|(n, t, _)| (n, t)).collect();
    (templates, kept)
}

/// The one template `text`, minified, or `None` when it is kept as written.
fn minified(text: &str) -> Option<String> {
    let (templates, kept) = minify_theme(&[("t.html", text)]);
    kept.is_empty().then(|| templates[0].1.clone())
}

/// What `text` renders with `context`, as written and as minified, each then minified whole:
/// the same when minifying the template changed nothing a browser reads.
#[cfg(feature = "minify")]
fn renders_alike(text: &str, context: &tera::Context) {
    let small = minified(text).unwrap_or_else(|| panic!("not minified: {text}"));
    let render = |text: &str| {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template("t.html", text).expect("template");
        let page = tera.render("t.html", context).expect("render");
        String::from_utf8(minify_html::minify(page.as_bytes(), &cfg())).expect("UTF-8")
    };
    assert_eq!(render(&small), render(text), "{text}\n=> {small}");
}

#[cfg(feature = "minify")]
#[test]
fn the_default_templates_are_minified_with_every_tera_tag_kept() {
    let defaults: Vec<(&str, &str)> = crate::render::DEFAULT_TEMPLATES.to_vec();
    let (templates, kept) = minify_theme(&defaults);
    assert!(kept.is_empty(), "{kept:?}");
    for ((name, text), (_, written)) in templates.iter().zip(&defaults) {
        let tags = |text: &str| {
            let mut tags: Vec<String> = Scan::new(text)
                .tags
                .iter()
                .map(|tag| text[tag.start..tag.end].to_string())
                .collect();
            tags.sort();
            tags
        };
        assert_eq!(tags(text), tags(written), "{name}");
        if name.ends_with(".html") {
            assert!(text.len() < written.len(), "{name}: {text}");
        } else {
            assert_eq!(text, written, "{name} is not HTML");
        }
    }
}

#[cfg(feature = "minify")]
#[test]
fn tera_tags_in_attribute_values_keep_their_quotes_and_the_value_its_quotes() {
    let text = "<a href=\"{{x}}\" title=\"{{ t | replace(from=\"a\", to='b') }}\">k</a>";
    let small = minified(text).expect("minified");
    assert!(small.contains("href=\"{{x}}\""), "{small}");
    assert!(
        small.contains("title=\"{{ t | replace(from=\"a\", to='b') }}\""),
        "{small}"
    );
    let mut context = tera::Context::new();
    context.insert("x", "/a b/");
    context.insert("t", "a \"quoted\" & 'single' title");
    renders_alike(text, &context);
}

#[cfg(feature = "minify")]
#[test]
fn templates_with_statements_in_text_and_values_render_as_written() {
    let mut context = tera::Context::new();
    context.insert("rows", &["<li>one</li>", "<li>two</li>"]);
    context.insert("a", &true);
    context.insert("name", "Ada  Lovelace");
    let texts = [
        "<ul>\n{% for r in rows %}\n  {{ r | safe }}\n{% endfor %}\n</ul>",
        "<p>\n  {{ name }}\n  <b>and</b>\n  {% if a %}<i>yes</i>{% else %}no{% endif %}\n</p>",
        "<input class=\"x {% if a %}on{% else %}off{% endif %}\" value=\"{{ name }}\">",
        "<p>a {%- if a -%} c {%- endif %} d</p>",
        "<pre>  kept\n    as  written</pre>\n<p>{{ name }}</p>",
        "<script>var a = '{{ name }}';\nif (a < 2) {}\n</script><p>{# a note #}x</p>",
        "{% set n = 2 %}<p title=\"{% set m = 1 %}{{ m }}\">{{ n }}</p>",
    ];
    for text in texts {
        renders_alike(text, &context);
    }
}

#[test]
fn templates_the_minifier_could_misread_are_kept_as_written() {
    for text in [
        // A statement between attributes: the minifier reorders attributes.
        "<option {% if a %}selected{% endif %} value=\"1\">a</option>",
        "<a {{ attributes }}>x</a>",
        // In a comment, which the minifier drops.
        "<p>x</p><!-- {{ note }} -->",
        // A statement opened in one attribute and closed in another.
        "<a href=\"{% if a %}x\" class=\"c\" title=\"y{% endif %}\">k</a>",
        // Elements that depend on a statement: the minifier would drop an end tag it finds
        // mismatched.
        "{% if a %}<div>{% else %}<section>{% endif %}x{% if a %}</div>{% else %}</section>{% endif %}",
        // The placeholder's own characters.
        "<p>\u{E000}={{ a }}\u{E001}</p>",
        "{% component card(title) %}<b>{{ title }}</b>{% endcomponent %}",
    ] {
        assert_eq!(minified(text), None, "{text}");
    }
}

/// A block, an include or a printed value inside `<pre>` or `<textarea>` (or a block in a script
/// or an attribute) could bring minified HTML where whitespace counts: then no template is
/// minified.
#[test]
fn a_theme_that_puts_fragments_where_whitespace_counts_is_kept_as_written() {
    let row = ("row.html", "<li>\n  <b>{{ job }}</b>\n  <i>x</i>\n</li>");
    for page in [
        "<pre>{% block body %}{% endblock body %}</pre>",
        "<pre>{% for row in rows %}{{ row }}{% endfor %}</pre>",
        "<textarea>{% include \"row.html\" %}</textarea>",
        "<script>{% block js %}{% endblock js %}</script>",
        "<html lang=\"{% block lang %}en{% endblock lang %}\"></html>",
    ] {
        let (templates, kept) = minify_theme(&[("page.html", page), row]);
        assert_eq!(kept, ["page.html", "row.html"], "{page}");
        assert_eq!(templates[1].1, row.1);
    }
    let (_, kept) = minify_theme(&[
        ("page.html", "<ol>{% block rows %}{% endblock rows %}</ol>"),
        row,
    ]);
    assert_eq!(kept.is_empty(), cfg!(feature = "minify"), "{kept:?}");
}

#[test]
fn markdown_templates_are_never_minified() {
    let text = "# {{ title }}\n\n<b>  x  </b>\n";
    let (templates, kept) = minify_theme(&[("README.md", text)]);
    assert!(kept.is_empty());
    assert_eq!(templates[0].1, text);
}

#[test]
fn the_scan_tells_where_each_tag_is() {
    let scan = Scan::new(
        "<a href=\"{{ a }}\">{{ b }}</a><script>if (x < y) { z = '{{ c }}' }</script><!-- {# d #} -->",
    );
    assert_eq!(scan.tags.len(), 4);
    assert_eq!(scan.elements, ["a", "/a", "script", "/script"]);
    assert!(!scan.safe, "a tag in a comment");
    let scan = Scan::new("<pre><b>{{ x }}</b></pre><p>é{{ y }}</p>");
    assert!(scan.places_fragments && scan.safe);
}

/// The board's own paths may stand unquoted in a default template's attributes; any other value,
/// or any value of a template the board wrote, keeps its quotes.
#[cfg(feature = "minify")]
#[test]
fn only_the_boards_paths_in_default_templates_lose_their_quotes() {
    let text = "<a href=\"{{ job.path }}\" title=\"{{ job.title }}\">x</a>";
    let minify = |bare: bool| {
        let mut templates = vec![("t.html".to_string(), text.to_string(), bare)];
        assert!(super::templates(&mut templates).is_empty());
        templates.remove(0).1
    };
    let bare = minify(true);
    assert!(bare.contains(" href={{ job.path }}") && bare.contains("title=\"{{ job.title }}\""));
    let quoted = minify(false);
    assert!(
        quoted.contains("href=\"{{ job.path }}\"") && quoted.contains("title=\"{{ job.title }}\"")
    );
    assert!(url_is_bare("https://example.org/jobs/"));
    for url in [
        "https://e.org/a b/",
        "https://e.org/a=b/",
        "https://e.org/'/",
        "",
    ] {
        assert!(!url_is_bare(url), "{url}");
    }
}
