//! The words synthetic jobs are made of: company names, seniorities, roles with their stacks and
//! skills, and teams. Data only.

/// First halves of company names. Some are not ASCII, as real names are.
#[rustfmt::skip]
pub const COMPANY_STEMS: &[&str] = &[
    "Acme", "Apex", "Arbor", "Atlas", "Aurora", "Beacon", "Birch", "Blue Harbor", "Bright",
    "Brightline", "Cascade", "Cedar", "Cinder", "Clearwater", "Cobalt", "Copper", "Coral",
    "Crescent", "Delta", "Driftwood", "Ember", "Evergreen", "Falcon", "Fathom", "Fern", "Flint",
    "Frontier", "Glacier", "Granite", "Harbor", "Helix", "Horizon", "Indigo", "Iron", "Juniper",
    "Keystone", "Kite", "Lantern", "Lumen", "Maple", "Meridian", "Mosaic", "Nimbus", "Northwind",
    "Nørd", "Oak", "Onyx", "Orbit", "Osprey", "Pinnacle", "Pioneer", "Polar", "Prism", "Quantum",
    "Quarry", "Radiant", "Redwood", "Ridge", "River", "Sable", "Saffron", "Schréder", "Sequoia",
    "Signal", "Silver", "Solstice", "Sparrow", "Spruce", "Starling", "Summit", "Tandem", "Terra",
    "Tidal", "Timber", "Torch", "Trail", "Umber", "Vantage", "Vector", "Velvet", "Verdant", "Vista",
    "Wave", "Willow", "Zenith", "Züri", "Açaí", "Halcyon", "Lodestar", "Marble", "Nova",
];

/// Second halves of company names.
#[rustfmt::skip]
pub const COMPANY_ENDINGS: &[&str] = &[
    "Labs", "Systems", "Software", "Technologies", "Health", "Analytics", "Logistics", "Bank",
    "Capital", "Payments", "Robotics", "Energy", "Networks", "Security", "Data", "Cloud", "Digital",
    "Media", "Games", "Bio", "Therapeutics", "Insurance", "Mobility", "Foods", "Retail", "Works",
    "Studio", "Collective", "Dynamics", "Interactive", "AI", "Learning", "Travel", "Markets",
    "Finance", "Commerce", "Devices", "Motors", "Aerospace", "Genomics", "Solutions", "Consulting",
    "Partners", "Group", "Industries", "Ventures", "Platforms", "Apps", "Signals", "Telecom",
    "Pharma", "Realty", "Freight", "Grid", "Power", "Labs & Co", "Foundry", "Craft", "Stack", "Ops",
];

/// Legal forms added to some company names.
#[rustfmt::skip]
pub const LEGAL_FORMS: &[&str] = &[
    "Inc.", "GmbH", "Ltd", "LLC", "AG", "S.A.", "B.V.", "plc", "Oy", "AB", "SE", "Pvt Ltd",
];

pub const SENIORITIES: &[(&str, u64)] = &[
    ("", 30),
    ("Senior", 30),
    ("Sr.", 3),
    ("Junior", 8),
    ("Mid-Level", 5),
    ("Lead", 7),
    ("Staff", 6),
    ("Principal", 4),
    ("Intern", 2),
];

/// A role, the stacks its titles name, and the skills its jobs ask for.
pub struct Role {
    pub name: &'static str,
    pub stacks: &'static [&'static str],
    pub skills: &'static [&'static str],
    /// Relative share of jobs.
    pub weight: u64,
}

#[rustfmt::skip]
pub const ROLES: &[Role] = &[
    Role { name: "Backend Engineer", weight: 14,
        stacks: &["Go", "Java", "Python", "Rust", "Node.js", "Kotlin", "Scala", "C#", "Ruby", "Elixir"],
        skills: &["PostgreSQL", "REST APIs", "gRPC", "Microservices", "Kafka", "Redis", "Docker", "Kubernetes", "AWS", "MySQL"] },
    Role { name: "Backend Developer", weight: 10,
        stacks: &["Java", "PHP", "Python", "Node.js", "C#", ".NET", "Go", "Ruby on Rails", "Django", "Spring Boot"],
        skills: &["SQL", "REST APIs", "Microservices", "Docker", "Git", "PostgreSQL", "MongoDB", "RabbitMQ", "Azure", "Linux"] },
    Role { name: "Software Engineer", weight: 14,
        stacks: &["Java", "Python", "C++", "Go", "TypeScript", "Rust", "C#", "Kotlin"],
        skills: &["Distributed Systems", "AWS", "GCP", "Kubernetes", "SQL", "Git", "CI/CD", "Linux", "Microservices", "Terraform"] },
    Role { name: "Full Stack Developer", weight: 9,
        stacks: &["React", "TypeScript", "Node.js", "Vue.js", "Angular", "Next.js", "Laravel", "Django"],
        skills: &["JavaScript", "HTML", "CSS", "PostgreSQL", "GraphQL", "REST APIs", "Docker", "AWS", "MongoDB", "Tailwind CSS"] },
    Role { name: "Frontend Engineer", weight: 7,
        stacks: &["React", "TypeScript", "Vue.js", "Angular", "Svelte", "Next.js"],
        skills: &["JavaScript", "HTML", "CSS", "GraphQL", "Webpack", "Accessibility", "Jest", "Figma", "Redux", "Tailwind CSS"] },
    Role { name: "Data Engineer", weight: 7,
        stacks: &["Spark", "Python", "Scala", "dbt", "Airflow", "Snowflake"],
        skills: &["SQL", "Kafka", "BigQuery", "AWS", "Databricks", "ETL", "Data Modeling", "Terraform", "Redshift", "Flink"] },
    Role { name: "DevOps Engineer", weight: 6,
        stacks: &["AWS", "Azure", "GCP", "Kubernetes", "Terraform"],
        skills: &["Docker", "CI/CD", "Ansible", "Linux", "Prometheus", "Grafana", "Helm", "Python", "Bash", "GitHub Actions"] },
    Role { name: "Site Reliability Engineer", weight: 4,
        stacks: &["Kubernetes", "Go", "Linux", "AWS", "GCP"],
        skills: &["Prometheus", "Terraform", "Observability", "Incident Response", "Python", "Docker", "PostgreSQL", "Grafana", "Networking", "Bash"] },
    Role { name: "Platform Engineer", weight: 4,
        stacks: &["Kubernetes", "Go", "Terraform", "AWS"],
        skills: &["Docker", "Helm", "CI/CD", "Observability", "Linux", "Argo CD", "Python", "GCP", "Istio", "Vault"] },
    Role { name: "Machine Learning Engineer", weight: 5,
        stacks: &["Python", "PyTorch", "TensorFlow", "LLM"],
        skills: &["Machine Learning", "MLOps", "Kubernetes", "SQL", "Spark", "Hugging Face", "LLM integration", "AWS", "Vector Databases", "NLP"] },
    Role { name: "Data Scientist", weight: 3,
        stacks: &["Python", "R", "SQL"],
        skills: &["Statistics", "Machine Learning", "Pandas", "scikit-learn", "A/B Testing", "Tableau", "Spark", "Jupyter", "Deep Learning", "Forecasting"] },
    Role { name: "Mobile Developer", weight: 3,
        stacks: &["Flutter", "React Native", "Kotlin", "Swift"],
        skills: &["iOS", "Android", "REST APIs", "Firebase", "Git", "CI/CD", "GraphQL", "Dart", "TypeScript", "App Store"] },
    Role { name: "iOS Developer", weight: 2,
        stacks: &["Swift", "SwiftUI", "Objective-C"],
        skills: &["iOS", "Xcode", "Combine", "Core Data", "REST APIs", "Git", "CI/CD", "Unit Testing", "UIKit", "Firebase"] },
    Role { name: "Android Developer", weight: 2,
        stacks: &["Kotlin", "Java", "Jetpack Compose"],
        skills: &["Android", "Coroutines", "Gradle", "REST APIs", "Room", "Git", "CI/CD", "Firebase", "Unit Testing", "MVVM"] },
    Role { name: "Security Engineer", weight: 2,
        stacks: &["AWS", "Python", "Go", "Azure"],
        skills: &["Application Security", "Threat Modeling", "SIEM", "Penetration Testing", "IAM", "Kubernetes", "Zero Trust", "Linux", "Incident Response", "SOC 2"] },
    Role { name: "QA Automation Engineer", weight: 3,
        stacks: &["Selenium", "Cypress", "Playwright", "Java", "Python"],
        skills: &["Test Automation", "CI/CD", "API Testing", "JavaScript", "Postman", "Jenkins", "Git", "Agile", "SQL", "JMeter"] },
    Role { name: "Solutions Architect", weight: 2,
        stacks: &["AWS", "Azure", "GCP", "Salesforce"],
        skills: &["Cloud Architecture", "Microservices", "Kubernetes", "Terraform", "Security", "Integration", "REST APIs", "Serverless", "Networking", "SQL"] },
    Role { name: "Engineering Manager", weight: 3,
        stacks: &["Java", "Go", "Python", "TypeScript"],
        skills: &["People Management", "Agile", "Hiring", "Distributed Systems", "AWS", "Roadmapping", "Microservices", "Java", "Go", "Python"] },
    Role { name: "Embedded Software Engineer", weight: 2,
        stacks: &["C", "C++", "Rust", "Embedded Linux"],
        skills: &["RTOS", "ARM", "Firmware", "Yocto", "CAN", "Python", "Git", "Linux", "Bluetooth", "Unit Testing"] },
    Role { name: "Database Administrator", weight: 1,
        stacks: &["PostgreSQL", "Oracle", "SQL Server", "MySQL"],
        skills: &["SQL", "Backup and Recovery", "Performance Tuning", "Linux", "Replication", "AWS", "Bash", "High Availability", "Python", "Monitoring"] },
    Role { name: "Python Developer", weight: 4,
        stacks: &["Django", "FastAPI", "Flask"],
        skills: &["Python", "PostgreSQL", "REST APIs", "Celery", "Docker", "AWS", "Redis", "Pytest", "SQLAlchemy", "Linux"] },
    Role { name: "Java Developer", weight: 4,
        stacks: &["Spring Boot", "Microservices", "Kafka"],
        skills: &["Java", "Spring", "Hibernate", "SQL", "Maven", "Docker", "Kubernetes", "REST APIs", "JUnit", "Oracle"] },
];

/// Teams named in titles and descriptions.
#[rustfmt::skip]
pub const TEAMS: &[&str] = &[
    "Payments", "Identity", "Search", "Growth", "Data Platform", "Core Infrastructure", "Checkout",
    "Risk", "Billing", "Developer Experience", "Observability", "ML Platform", "Marketplace",
    "Logistics", "Messaging", "Onboarding", "Compliance", "Pricing", "Fraud", "Integrations",
];

/// Skills any job may also ask for.
#[rustfmt::skip]
pub const COMMON_SKILLS: &[&str] = &[
    "Git", "Docker", "SQL", "Linux", "AWS", "CI/CD", "Agile", "English", "Code Review", "Testing",
];

/// What companies build, for descriptions.
pub const PRODUCTS: &[&str] = &[
    "payment infrastructure for online businesses",
    "software that helps hospitals schedule care",
    "logistics tools for independent retailers",
    "a data platform for energy networks",
    "banking services for small companies",
    "learning apps used by millions of students",
    "fleet management for electric vehicles",
    "security tooling for cloud-native teams",
    "a marketplace for freelance engineers",
    "insurance products priced in real time",
    "APIs that connect travel agencies to airlines",
    "developer tools for testing mobile apps",
    "analytics for the world's largest retailers",
    "a platform that helps farmers plan harvests",
    "software for clinical trials",
    "real-time video for live events",
];
