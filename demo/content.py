"""Original demo content for `seed_demo`: sections, authors and articles written for Newsroom."""

SECTIONS = [
    # dict(slug, name, description, position, parent) ; parent is a slug or None
    {
        "slug": "technology",
        "name": "Technology",
        "description": (
            "Gadgets, platforms, software and the people and policies shaping how we live online."
        ),
        "position": 1,
        "parent": None,
    },
    {
        "slug": "gaming",
        "name": "Gaming",
        "description": (
            "Video games, the studios that make them and the communities that play them."
        ),
        "position": 2,
        "parent": "technology",
    },
    {
        "slug": "good-news",
        "name": "Good News",
        "description": "Stories of people and places quietly making things better.",
        "position": 3,
        "parent": None,
    },
    {
        "slug": "science",
        "name": "Science",
        "description": (
            "Discoveries and research from space, the planet and the human body, explained clearly."
        ),
        "position": 4,
        "parent": None,
    },
    {
        "slug": "business",
        "name": "Business",
        "description": "Startups, markets and the rules that decide who wins and who pays.",
        "position": 5,
        "parent": None,
    },
    {
        "slug": "culture",
        "name": "Culture",
        "description": (
            "Reviews and reporting on music, theater, exhibitions and the ideas behind them."
        ),
        "position": 6,
        "parent": None,
    },
]

AUTHORS = [
    # dict(slug, name, job_title, bio, website_url, x_url, mastodon_url)
    {
        "slug": "mei-lin-harper",
        "name": "Mei-Lin Harper",
        "job_title": "Technology Reporter",
        "bio": (
            "Mei-Lin Harper covers tech and gaming news. She joined Newsroom after five years of "
            "reviewing hardware and still keeps a drawer of chargers for devices that no longer "
            "exist."
        ),
        "website_url": "https://example.com/meilin",
        "x_url": "https://x.com/meilin_newsroom",
        "mastodon_url": "https://mastodon.social/@meilinharper",
    },
    {
        "slug": "ingrid-vasquez-holm",
        "name": "Ingrid Vasquez-Holm",
        "job_title": "Science Writer",
        "bio": (
            "Ingrid Vasquez-Holm reports on space, climate and health research for Newsroom. She "
            "studied marine biology before trading the lab bench for the news desk."
        ),
        "website_url": "",
        "x_url": "",
        "mastodon_url": "https://mastodon.social/@ingrid_vh",
    },
    {
        "slug": "tobias-wren",
        "name": "Tobias Wren",
        "job_title": "Business Correspondent",
        "bio": (
            "Tobias Wren is Newsroom's business correspondent, covering startups, energy markets "
            "and the regulators who keep an eye on both."
        ),
        "website_url": "",
        "x_url": "https://x.com/tobiaswren_biz",
        "mastodon_url": "",
    },
    {
        "slug": "odile-marchbank",
        "name": "Odile Marchbank",
        "job_title": "Culture Critic",
        "bio": (
            "Odile Marchbank reviews music, theater and exhibitions for Newsroom. She has never "
            "once left a concert before the encore."
        ),
        "website_url": "https://example.org/odile",
        "x_url": "",
        "mastodon_url": "https://mastodon.social/@odilemarchbank",
    },
    {
        "slug": "kwame-ashdown",
        "name": "Kwame Ashdown",
        "job_title": "Community Reporter",
        "bio": (
            "Kwame Ashdown writes about community life and good news, from repair cafés to "
            "neighborhood energy projects. Send him the local heroes nobody else has noticed yet."
        ),
        "website_url": "",
        "x_url": "https://x.com/kwame_ashdown",
        "mastodon_url": "",
    },
]

ARTICLES = [
    # days_ago: publication age in days for published articles (0 for drafts and scheduled).
    # "scheduled" articles carry publish_in_hours instead. related: hand-picked published slugs.
    {
        "slug": "parley-tightens-rules-public-accounts-valdoria",
        "headline": (
            "Parley Tightens Rules for Public Accounts in Valdoria: Who Must Verify — and What "
            "Happens to the ‘Unverified’?"
        ),
        "standfirst": (
            "The messaging platform will require identity checks for public channels with more "
            "than 5,000 followers, a move regulators welcomed and digital-rights groups called a "
            "blunt instrument."
        ),
        "section": "technology",
        "authors": ["mei-lin-harper", "tobias-wren"],
        "tags": ["regulation", "privacy", "smartphones"],
        "days_ago": 0,
        "status": "published",
        "related": [
            "phone-update-promises-repair-shops",
            "on-device-ai-assistants-mid-range-phones",
        ],
        "lead_image_alt": (
            "A smartphone on a desk showing a messaging app with a blue verification badge beside "
            "a channel name."
        ),
        "lead_image_caption": (
            "Owners of large public channels on Parley have 60 days to verify their identity or "
            "switch to read-only mode."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Parley, the messaging app used by roughly half of Valdoria's adult "
                    "population, said on Monday that public accounts and broadcast channels with "
                    "more than 5,000 followers must complete an identity check within 60 days or "
                    "lose the ability to post. Private chats and small group conversations are not "
                    "affected, the company said in a notice sent to channel owners overnight."
                ),
            ),
            ("h2", "What changes, and for whom"),
            (
                "p",
                (
                    "Under the new policy, owners of large public channels will have to submit a "
                    "government-issued ID or a business registration number through a partner "
                    "verification service. Parley says the documents will be deleted after 30 days "
                    "and that only a “verified” badge, not the owner's legal name, will be "
                    "displayed publicly. Channels that miss the deadline will be switched to "
                    "read-only mode rather than removed."
                ),
            ),
            (
                "p",
                (
                    "The change follows months of pressure from Valdoria's Communications "
                    "Authority, which has accused the platform of doing too little to stop "
                    "coordinated networks that impersonated news outlets during last spring's "
                    "regional elections. A draft law now before parliament would fine platforms up "
                    "to 4 percent of local revenue for failing to identify the operators of "
                    "high-reach accounts."
                ),
            ),
            (
                "blockquote",
                (
                    "“We would rather set a clear, predictable rule now than wait for a law that "
                    "nobody has fully read yet,” said Lorena Vatsek, Parley's head of policy for "
                    "the region."
                ),
            ),
            ("h2", "Critics see a blunt instrument"),
            (
                "p",
                (
                    "Digital-rights groups argue the threshold is arbitrary and could expose "
                    "activists, whistleblowers and small community pages to real danger if "
                    "verification data ever leaks. The Valdorian Open Net Coalition said it would "
                    "publish a plain-language guide for channel owners this week and urged Parley "
                    "to offer pseudonymous verification through trusted third parties, such as "
                    "press associations or registered charities."
                ),
            ),
            (
                "p",
                (
                    "Parley has published an "
                    '<a href="https://example.org/parley/public-accounts-faq">FAQ for channel '
                    "owners</a> and says appeals will be reviewed by a human within five working "
                    "days. Analysts expect similar rules to spread to neighboring markets if the "
                    "rollout goes smoothly, and several rival apps have quietly begun drafting "
                    "verification policies of their own, according to people familiar with the "
                    "plans."
                ),
            ),
        ],
    },
    {
        "slug": "open-source-router-firmware-co-op",
        "headline": "A Small Co-op Wants to Put Open-Source Firmware on a Million Home Routers",
        "standfirst": (
            "The Freewire Collective says keeping old routers patched is cheaper and greener than "
            "replacing them. Internet providers are starting to listen."
        ),
        "section": "technology",
        "authors": ["mei-lin-harper"],
        "tags": ["open source", "privacy"],
        "days_ago": 5,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A stack of older home Wi-Fi routers with blinking green lights on a workshop bench."
        ),
        "lead_image_caption": (
            "The Freewire Collective tests its firmware on dozens of router models that "
            "manufacturers no longer update."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Most home routers stop receiving security updates long before they stop "
                    "working. The Freewire Collective, a worker-owned cooperative of eleven "
                    "engineers, thinks that gap is both a security problem and an environmental "
                    "one, and it has spent three years building replacement firmware that can keep "
                    "aging devices patched for another decade."
                ),
            ),
            ("h2", "From hobby project to supplier"),
            (
                "p",
                (
                    "The co-op's firmware started as a side project for a handful of community "
                    "networks. This year it signed its first contract with a regional internet "
                    "provider, which will offer the software to about 40,000 customers whose "
                    "routers are no longer supported by the original manufacturer. Customers can "
                    "opt in through a web page, and the switch takes about five minutes."
                ),
            ),
            (
                "p",
                (
                    "Freewire's code is published under a permissive license, and the co-op earns "
                    "money by charging providers for testing, support and guaranteed update "
                    "schedules. Co-founder Amara Lindqvist says the model is deliberately boring. "
                    "“We are selling reliability, not features,” she said. “The exciting part is "
                    "that nobody has to throw a working box into a landfill.”"
                ),
            ),
            ("h2", "Privacy by default"),
            (
                "p",
                (
                    "The firmware ships with encrypted DNS turned on, remote administration turned "
                    "off and no telemetry unless a user explicitly enables it. Security "
                    "researchers who reviewed an early build for Newsroom said the defaults were "
                    "sensible, though they cautioned that a small team maintaining code for dozens "
                    "of hardware models will need steady funding to keep pace with new "
                    "vulnerabilities."
                ),
            ),
            (
                "p",
                (
                    "The co-op hopes to reach a million devices within three years. Its public "
                    '<a href="https://example.org/freewire/supported-devices">list of supported '
                    "devices</a> currently includes 63 models, and volunteers are testing another "
                    "twenty. Anyone with an unsupported router can post it to the co-op's "
                    "workshop, where it will be tested and, if possible, added to the list."
                ),
            ),
        ],
    },
    {
        "slug": "shenzhen-open-hardware-fair-tiny-robots",
        "headline": (
            "深圳开源硬件节: At Shenzhen's Open Hardware Fair, Tiny Robots Draw the Biggest Crowds"
        ),
        "standfirst": (
            "Palm-sized robots, solar lamps and repairable earbuds filled the halls as makers "
            "pitched products built on openly shared designs."
        ),
        "section": "technology",
        "authors": ["mei-lin-harper"],
        "tags": ["open source", "startups", "ai"],
        "days_ago": 9,
        "status": "published",
        "related": ["open-source-router-firmware-co-op"],
        "lead_image_alt": (
            "A palm-sized wheeled robot balancing on the rim of a coffee cup at a crowded "
            "exhibition table."
        ),
        "lead_image_caption": (
            "Pocket Kinetics' gesture-following robots drew the longest queue at this year's fair."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "The queue at the Shenzhen Open Hardware Fair on Saturday was longest not for "
                    "the drones or the folding e-bikes but for a table of robots small enough to "
                    "sit on a coffee cup. Built by a four-person startup called Pocket Kinetics, "
                    "the robots follow hand gestures using a low-cost camera module and a vision "
                    "model that runs entirely on the device."
                ),
            ),
            ("h2", "Shared designs, fast prototypes"),
            (
                "p",
                (
                    "More than 300 exhibitors took part in this year's fair, which organizers say "
                    "was the largest since it began as a weekend meetup in a factory canteen. Many "
                    "products on display were built from openly published circuit boards and "
                    "enclosures, letting teams skip months of groundwork and move from sketch to "
                    "sellable prototype in a matter of weeks."
                ),
            ),
            (
                "blockquote",
                (
                    "“Five years ago we would have spent our whole budget on the first circuit "
                    "board. Now we start from someone else's design and spend the money on making "
                    "it better,” said Zhou Yanting, a hardware engineer showing a repairable pair "
                    "of wireless earbuds."
                ),
            ),
            (
                "p",
                (
                    "The earbuds, which come apart with a single small screwdriver, drew interest "
                    "from buyers representing repair-focused retailers in Europe. Nearby, a team "
                    "of university students showed solar-powered lamps designed for night markets, "
                    "with batteries that can be swapped in seconds without tools and charging "
                    "circuits simple enough to fix with parts from any electronics stall."
                ),
            ),
            ("h2", "Investors are watching"),
            (
                "p",
                (
                    "Several venture funds sent scouts to the fair, and organizers said at least a "
                    "dozen exhibitors had been invited to follow-up meetings. Still, many makers "
                    "said they were cautious about growing too quickly. Pocket Kinetics plans to "
                    "sell its first 2,000 robots as kits for classrooms before deciding whether to "
                    "pursue a consumer launch next year."
                ),
            ),
        ],
    },
    {
        "slug": "phone-update-promises-repair-shops",
        "headline": (
            "Phone Makers Now Promise Seven Years of Updates. Repair Shops Say That's Only Half "
            "the Story"
        ),
        "standfirst": (
            "Longer software support is welcome, independent technicians say, but batteries, "
            "screens and spare parts still decide how long a phone really lasts."
        ),
        "section": "technology",
        "authors": ["mei-lin-harper", "tobias-wren"],
        "tags": ["smartphones", "regulation"],
        "days_ago": 12,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A repair technician's hands lifting the cracked screen off a smartphone with a "
            "suction tool."
        ),
        "lead_image_caption": (
            "Independent technicians say spare-part prices matter more than update pledges."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Seven years of software updates has quietly become the new benchmark for "
                    "flagship smartphones, with several manufacturers matching the pledge over the "
                    "past year. At Halvorsen Mobile Repair, a three-person shop above a bakery, "
                    "owner Kasper Halvorsen is glad to see it. He is also quick to point out that "
                    "software rarely kills a phone on its own."
                ),
            ),
            ("h2", "Parts, not patches"),
            (
                "p",
                (
                    "“People come in because the battery is tired or the screen is cracked,” "
                    "Halvorsen said. “If I can't buy a battery at a fair price in year four, the "
                    "update promise doesn't help anybody.” His shop keeps a spreadsheet of part "
                    "prices, and he says some replacement screens still cost nearly half the price "
                    "of a new mid-range phone."
                ),
            ),
            (
                "p",
                (
                    "Regulators are starting to address that gap. New rules being phased in across "
                    "several markets require manufacturers to make key spare parts available for "
                    "years after a model is discontinued, and to publish repair manuals for "
                    "independent shops. Consumer groups say enforcement will matter more than the "
                    "wording of the rules, and they plan to track prices publicly."
                ),
            ),
            ("h2", "What buyers can do"),
            (
                "p",
                (
                    "For now, technicians suggest a simple checklist before buying: look up "
                    "whether official batteries are sold separately, check independent "
                    "repairability scores, and ask how long the manufacturer has committed to "
                    "supplying parts. Newsroom has published a "
                    '<a href="https://example.com/guides/phone-repair-checklist">printable version '
                    "of that checklist</a> for readers who are shopping this season."
                ),
            ),
        ],
    },
    {
        "slug": "on-device-ai-assistants-mid-range-phones",
        "headline": (
            "On-Device AI Assistants Reach Mid-Range Phones — With Fewer Trips to the Cloud"
        ),
        "standfirst": (
            "Cheaper chips can now run small language models locally, which could mean faster "
            "replies and less personal data leaving your pocket."
        ),
        "section": "technology",
        "authors": ["mei-lin-harper"],
        "tags": ["ai", "smartphones", "privacy"],
        "days_ago": 16,
        "status": "published",
        "related": ["parley-tightens-rules-public-accounts-valdoria"],
        "lead_image_alt": (
            "Two mid-range smartphones side by side, each showing a summary of a long message "
            "thread."
        ),
        "lead_image_caption": (
            "Message summaries and voice-note transcription now run locally on several cheaper "
            "handsets."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Features that were exclusive to thousand-dollar phones a year ago are "
                    "arriving on handsets that cost less than half as much. Several mid-range "
                    "models announced this month can summarize messages, transcribe voice notes "
                    "and suggest replies using AI models that run directly on the phone rather "
                    "than on a remote server."
                ),
            ),
            ("h2", "Why local matters"),
            (
                "p",
                (
                    "Running a model on the device has two main benefits: speed and privacy. "
                    "Replies appear without waiting for a network round trip, and the text of a "
                    "private conversation never has to be uploaded for processing. The trade-off "
                    "is capability. Small models are more likely to misread context, and heavier "
                    "requests are still quietly handed off to cloud servers."
                ),
            ),
            (
                "p",
                (
                    "That hand-off is where privacy advocates want more clarity. Tests by Newsroom "
                    "found that the settings menus on two of the new phones did not clearly say "
                    "which tasks stay on the device and which do not. One manufacturer said a "
                    "labeling update was coming; another said the information was already "
                    "available in its online privacy documentation."
                ),
            ),
            (
                "blockquote",
                (
                    "“Local processing is a genuine improvement, but only if people can tell when "
                    "it is happening,” said Noor Castellanos, a mobile security researcher at the "
                    "Lantern Privacy Lab."
                ),
            ),
            ("h2", "Battery and storage costs"),
            (
                "p",
                (
                    "Early testing suggests the models take up between two and four gigabytes of "
                    "storage and have a modest effect on battery life when used occasionally. "
                    "Heavy users may notice more drain. Reviewers recommend choosing at least 256 "
                    "gigabytes of storage if you plan to keep one of these phones for the full "
                    "period of its promised software updates."
                ),
            ),
        ],
    },
    {
        "slug": "data-center-heat-warms-town-pool",
        "headline": "Waste Heat From a Data Center Now Warms a Town's Swimming Pool",
        "standfirst": (
            "In Brennmoor, a server hall built for AI workloads pipes its excess heat to the "
            "public pool and two schools next door."
        ),
        "section": "technology",
        "authors": ["mei-lin-harper", "ingrid-vasquez-holm"],
        "tags": ["energy", "ai", "climate"],
        "days_ago": 22,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "An indoor public swimming pool with steam rising gently above the lanes on a winter "
            "morning."
        ),
        "lead_image_caption": (
            "Brennmoor's pool is now heated by servers in a data center across the road."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "The water in Brennmoor's public swimming pool is a steady 28 degrees Celsius "
                    "this winter, and for the first time the town is not paying to heat it. The "
                    "warmth comes from a data center on the edge of town, where racks of servers "
                    "training and running AI models produce far more heat than the building itself "
                    "can use."
                ),
            ),
            ("h2", "A pipe across the road"),
            (
                "p",
                (
                    "The operator, Northline Compute, agreed to build a 400-meter insulated pipe "
                    "to the leisure center as a condition of its planning permission. Heat pumps "
                    "at the pool raise the water temperature further when needed. The town council "
                    "estimates it will save about 180,000 euros a year, money it has earmarked for "
                    "longer opening hours and free swimming lessons."
                ),
            ),
            (
                "p",
                (
                    "Two nearby schools joined the scheme in the autumn. Engineers say the "
                    "arrangement works because the buildings are close together; moving low-grade "
                    "heat over longer distances quickly becomes expensive. Northline says it will "
                    "now design future sites around potential heat customers from the start rather "
                    "than adding pipes afterward."
                ),
            ),
            (
                "blockquote",
                (
                    "“The servers were always going to get hot. The only question was whether that "
                    "heat went into the sky or into something useful,” said Ilse Marchetti, the "
                    "council's energy officer."
                ),
            ),
            ("h2", "Not a full answer"),
            (
                "p",
                (
                    "Energy analysts welcome projects like Brennmoor's but caution that heat reuse "
                    "does not offset the electricity data centers consume. Northline's site draws "
                    "as much power as roughly 30,000 homes. The company says it buys most of that "
                    "from wind farms under long-term contracts, and it publishes quarterly figures "
                    'on a <a href="https://example.org/northline/energy-report">public '
                    "dashboard</a>."
                ),
            ),
        ],
    },
    {
        "slug": "library-rescues-1980s-floppy-disks",
        "headline": "Volunteers Rescue 4,000 Floppy Disks From a City Library Basement",
        "standfirst": (
            "Letters, school projects and homemade games from the 1980s are being copied to modern "
            "storage before the magnetic media fades for good."
        ),
        "section": "technology",
        "authors": ["mei-lin-harper"],
        "tags": ["retro computing", "open source"],
        "days_ago": 30,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "Rows of colorful floppy disks in a cardboard box next to a vintage beige disk drive."
        ),
        "lead_image_caption": (
            "About nine in ten of the rescued disks have produced readable data so far."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "When staff at the Ashgrove Central Library cleared a flooded storage room "
                    "last spring, they found eleven cardboard boxes of floppy disks donated by "
                    "residents over four decades. Most were unlabeled and some were badly warped. "
                    "Nobody was sure what was on them, or whether anything on them could still be "
                    "read after so many years in a damp basement."
                ),
            ),
            ("h2", "Reading the unreadable"),
            (
                "p",
                (
                    "A group of volunteers from a local retro computing club offered to help. "
                    "Using restored disk drives and an open-source flux imaging tool that captures "
                    "the raw magnetic signal rather than just the files, they have so far imaged "
                    "about 2,600 disks. Roughly nine in ten have produced usable data, a better "
                    "rate than the team expected."
                ),
            ),
            (
                "p",
                (
                    "The contents are a snapshot of everyday digital life: household budgets, "
                    "church newsletters, typing exercises and more than 150 games written by "
                    "teenagers on home computers. One disk holds a complete text adventure set in "
                    "the library itself, written in 1987 by a pupil from a nearby school who has "
                    "since been tracked down and given a copy."
                ),
            ),
            (
                "blockquote",
                (
                    "“These weren't precious archives when they were made. That's exactly why they "
                    "matter now,” said Rosalind Fenwick, the library's digital collections manager."
                ),
            ),
            ("h2", "What happens next"),
            (
                "p",
                (
                    "The library plans to publish disk images with personal information removed, "
                    "alongside emulators that run in a web browser. Residents who donated disks "
                    "can request their files back or ask for them to be withdrawn. The volunteers "
                    "have also documented their process in a "
                    '<a href="https://example.org/ashgrove/floppy-rescue-guide">step-by-step '
                    "guide</a> for other libraries facing similar boxes."
                ),
            ),
        ],
    },
    {
        "slug": "lanternfall-indie-lighthouse-game-launch",
        "headline": "Lanternfall, a Quiet Game About Keeping a Lighthouse, Becomes an Unlikely Hit",
        "standfirst": (
            "Made by three friends in a rented garage, the slow-paced game sold 200,000 copies in "
            "its first week."
        ),
        "section": "gaming",
        "authors": ["mei-lin-harper"],
        "tags": ["video games", "startups"],
        "days_ago": 2,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A pixel-painted lighthouse on a rocky island at dusk, its lamp sweeping across a "
            "stormy sea."
        ),
        "lead_image_caption": (
            "Lanternfall has no enemies, only weather, ships and a logbook to keep."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "There are no enemies in Lanternfall. Players trim wicks, log passing ships, "
                    "repair storm damage and write letters to a mainland that rarely writes back. "
                    "Yet the debut release from Tidewater Games, a three-person studio, sold more "
                    "than 200,000 copies in its first week and briefly outsold several big-budget "
                    "releases on a major digital storefront."
                ),
            ),
            ("h2", "Built slowly, on purpose"),
            (
                "p",
                (
                    "The studio spent four years on the game, funded by savings, part-time "
                    "contract work and a small grant from a regional arts council. Lead designer "
                    "Fenna Ostrowski said the team resisted repeated advice to add combat or timed "
                    "challenges. “We kept being told calm games don't sell,” she said. “We decided "
                    "to find out for ourselves.”"
                ),
            ),
            (
                "p",
                (
                    "Players have responded to the game's weather system, which follows tide "
                    "tables for an invented stretch of coastline, and to its writing, which "
                    "unfolds through a logbook the player fills in over the seasons. Fan "
                    "communities have begun sharing their logbooks online, and some of the most "
                    "devoted entries already run to hundreds of pages."
                ),
            ),
            ("h2", "What success means for a tiny studio"),
            (
                "p",
                (
                    "Tidewater says it will use the revenue to hire two more people and to pay for "
                    "translations into six languages. It has no plans for a sequel yet. The studio "
                    "intends to release a free update this spring adding a winter season, along "
                    "with accessibility options requested by players, including adjustable text "
                    "size and a mode that removes time pressure entirely."
                ),
            ),
        ],
    },
    {
        "slug": "small-town-esports-league-community-center",
        "headline": "How a Small-Town Esports League Filled an Empty Community Center",
        "standfirst": (
            "Weekly tournaments in Millbrook now draw players aged 8 to 68, and the snack bar is "
            "paying the heating bill."
        ),
        "section": "gaming",
        "authors": ["mei-lin-harper", "kwame-ashdown"],
        "tags": ["esports", "community"],
        "days_ago": 7,
        "status": "published",
        "related": ["esports-prize-pools-player-contracts"],
        "lead_image_alt": (
            "Players of different ages sitting at rows of monitors in a community hall, cheering "
            "during a racing game."
        ),
        "lead_image_caption": (
            "Mixed-age teams compete every Sunday at the Millbrook Community Center."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Two years ago, the Millbrook Community Center was on a list of buildings the "
                    "county planned to sell. Today its main hall hosts a weekly esports league "
                    "with 140 registered players, a waiting list for new teams and a volunteer-run "
                    "snack bar that covers most of the building's heating costs through the winter "
                    "months."
                ),
            ),
            ("h2", "Consoles from the attic"),
            (
                "p",
                (
                    "The league began when local teacher Desmond Farrow asked parents to lend old "
                    "consoles for a single Saturday tournament. Thirty people turned up. The "
                    "county now provides a small grant, a local electronics store donated "
                    "monitors, and teams compete in racing, fighting and sports games on a "
                    "rotating schedule so nobody needs the latest hardware to take part."
                ),
            ),
            (
                "p",
                (
                    "Organizers set strict ground rules from the start: no trash talk, mandatory "
                    "breaks every hour and mixed-age teams in the Sunday division. Farrow says the "
                    "age mixing was an accident that turned into the league's best feature. "
                    "Grandparents who learned racing games to keep up with their grandchildren are "
                    "now among the most feared players in the building."
                ),
            ),
            (
                "blockquote",
                (
                    "“I came to drive my grandson here. Now he drives me, because I have a match "
                    "at four,” said Gloria Pennington, 68, captain of a team called the Slow "
                    "Starters."
                ),
            ),
            ("h2", "A model others want to copy"),
            (
                "p",
                (
                    "Three neighboring towns have asked for advice on setting up similar leagues. "
                    "Farrow has written a short "
                    '<a href="https://example.com/millbrook/league-handbook">handbook</a> covering '
                    "insurance, safeguarding and how to run tournament brackets on a shoestring "
                    "budget, and he is now planning a regional tournament for the summer that "
                    "could bring all four towns together."
                ),
            ),
        ],
    },
    {
        "slug": "homebrew-cartridges-revive-old-consoles",
        "headline": "New Games for 30-Year-Old Consoles: The Homebrew Scene Is Having a Boom Year",
        "standfirst": (
            "Hobbyist developers are releasing more cartridge games for retired hardware than "
            "ever, and small publishers are struggling to keep up."
        ),
        "section": "gaming",
        "authors": ["mei-lin-harper"],
        "tags": ["retro computing", "video games"],
        "days_ago": 14,
        "status": "published",
        "related": ["library-rescues-1980s-floppy-disks", "museum-exhibition-video-game-pixel-art"],
        "lead_image_alt": (
            "A freshly printed game cartridge with a hand-drawn label resting on top of a grey "
            "1990s console."
        ),
        "lead_image_caption": "Some homebrew cartridges sell out within an hour of release.",
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "A new platform game released this month for a console discontinued in the "
                    "mid-1990s sold out its first run of 1,500 physical cartridges in under an "
                    "hour. It is one of dozens of homebrew titles due this year for machines their "
                    "makers stopped supporting decades ago, built by hobbyists who work within the "
                    "original hardware's tight memory and color limits."
                ),
            ),
            ("h2", "Modern tools, old constraints"),
            (
                "p",
                (
                    "Developers say the boom is driven by better tools. Free assemblers, accurate "
                    "emulators and shared libraries of sound and graphics routines mean a solo "
                    "developer can now finish a game in months rather than years. But the hardware "
                    "itself has not changed, and squeezing smooth scrolling or an extra sound "
                    "channel out of it is still a point of pride."
                ),
            ),
            (
                "blockquote",
                (
                    "“You have less memory than a single modern emoji. That's the fun of it,” said "
                    "Theo Marangoni, who released his third cartridge game in March."
                ),
            ),
            (
                "p",
                (
                    "Small publishers that assemble and ship the cartridges have become the "
                    "bottleneck. Several rely on salvaged chips or on new circuit boards "
                    "manufactured in small batches, and waiting lists for some titles stretch to "
                    "six months. One publisher, Bitfield Press, says it now runs two production "
                    "shifts in a converted garage to keep up with orders."
                ),
            ),
            ("h2", "Preserving the present"),
            (
                "p",
                (
                    "Archivists have started paying attention too. Because many homebrew games are "
                    "sold only as physical cartridges, some worry that today's releases could "
                    "become tomorrow's lost media. A volunteer group has begun cataloging new "
                    "releases and asking developers to deposit their game files with a digital "
                    "archive, to be made public after an agreed period."
                ),
            ),
        ],
    },
    {
        "slug": "adaptive-controller-kit-one-handed-play",
        "headline": "A $40 Adaptive Controller Kit Lets Players Remap Games for One-Handed Play",
        "standfirst": (
            "Designed with physiotherapists, the modular kit uses 3D-printed parts and large "
            "switches that plug into existing controllers."
        ),
        "section": "gaming",
        "authors": ["mei-lin-harper"],
        "tags": ["video games", "health"],
        "days_ago": 19,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A game controller clamped to a table with three large round buttons wired to it on a "
            "flexible arm."
        ),
        "lead_image_caption": (
            "The kit lets any button be moved to wherever a player can comfortably reach it."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "For players with limited hand mobility, a standard game controller can feel "
                    "like a keyboard with every key in the wrong place. A new modular kit from the "
                    "nonprofit designer GripWorks aims to fix that for about 40 dollars, using "
                    "large switches, clamp-on mounts and a small adapter that lets any button be "
                    "moved to wherever a player can reach it."
                ),
            ),
            ("h2", "Designed in the clinic"),
            (
                "p",
                (
                    "The kit was developed over eighteen months with physiotherapists at a "
                    "rehabilitation hospital, where patients recovering from strokes tested early "
                    "versions as part of their therapy. Clinicians found that familiar games "
                    "encouraged patients to practice movements for longer than traditional "
                    "exercises did, and asked the designers to keep the kit cheap enough for "
                    "families to buy."
                ),
            ),
            (
                "p",
                (
                    "GripWorks publishes the design files for its plastic parts so that libraries, "
                    "schools and makerspaces can print replacements. The electronic adapter is "
                    "sold at cost. The organization says it has shipped 3,000 kits so far, about a "
                    "third of them to hospitals and care homes, and that demand from individual "
                    "players is now growing fastest."
                ),
            ),
            ("h2", "Publishers are paying attention"),
            (
                "p",
                (
                    "Accessibility advocates say hardware is only half the equation, because games "
                    "also need flexible control settings. Several studios have committed to "
                    "supporting full button remapping in upcoming releases, and GripWorks has "
                    "published a short "
                    '<a href="https://example.org/gripworks/developer-checklist">checklist for '
                    "developers</a> explaining which settings make the biggest difference to "
                    "disabled players."
                ),
            ),
        ],
    },
    {
        "slug": "esports-prize-pools-player-contracts",
        "headline": (
            "Bigger Prize Pools, Shorter Careers: Esports Players Push for Standard Contracts"
        ),
        "standfirst": (
            "A new players' guild wants minimum salaries, health cover and clear transfer rules as "
            "investment in competitive gaming grows."
        ),
        "section": "gaming",
        "authors": ["mei-lin-harper", "tobias-wren"],
        "tags": ["esports", "video games", "regulation"],
        "days_ago": 27,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A professional esports player in a team jersey stretching her wrists between matches "
            "on a brightly lit stage."
        ),
        "lead_image_caption": (
            "Many players report repetitive strain injuries they cannot afford to treat."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Prize pools at top esports tournaments have grown steadily over the past five "
                    "years, but many professional players still compete without written contracts, "
                    "health insurance or any guarantee of being paid if their team folds. A newly "
                    "formed group, the Competitive Players' Guild, says it wants to change that "
                    "before the next season begins."
                ),
            ),
            ("h2", "Short careers, thin safety nets"),
            (
                "p",
                (
                    "The typical professional career in fast-paced shooters and strategy games "
                    "lasts under four years, according to the guild's survey of 600 players. "
                    "Nearly a third said they had been paid late at least once, and many reported "
                    "repetitive strain injuries they could not afford to treat. The guild wants "
                    "leagues to adopt a standard contract with minimum salaries and basic health "
                    "cover."
                ),
            ),
            (
                "blockquote",
                (
                    "“We're asking for the same things any young athlete would expect: a contract, "
                    "a doctor and a plan for what happens after,” said guild chair Mikaela Brandt, "
                    "a former professional strategy player."
                ),
            ),
            (
                "p",
                (
                    "Some league operators have responded cautiously, noting that many teams run "
                    "on thin margins and depend on sponsorship deals that can disappear quickly. "
                    "Others say standard contracts could make the industry more attractive to "
                    "investors who have so far been wary of the reputational risks of disputes "
                    "with young players."
                ),
            ),
            ("h2", "Regulators circle"),
            (
                "p",
                (
                    "Lawmakers in at least two countries are studying whether existing employment "
                    "law already covers esports players. A government consultation that closes "
                    "next month asks whether players under 18 need extra protections, including "
                    "limits on practice hours. The guild has published its "
                    '<a href="https://example.com/players-guild/model-contract">model contract</a> '
                    "and invited teams to sign a voluntary pledge."
                ),
            ),
        ],
    },
    {
        "slug": "sao-paulo-repair-cafe-1000th-appliance",
        "headline": "A São Paulo Repair Café Gives Its 1,000th Appliance a Second Life",
        "standfirst": (
            "Every second Saturday, volunteers in a neighborhood church hall fix toasters, radios "
            "and fans for free, and teach their owners how to do it themselves."
        ),
        "section": "good-news",
        "authors": ["kwame-ashdown"],
        "tags": ["community", "climate"],
        "days_ago": 4,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A volunteer with a screwdriver opening a green electric kettle on a table covered "
            "with tools and spare parts."
        ),
        "lead_image_caption": (
            "Volunteers invite owners to sit beside them and learn while their appliance is "
            "repaired."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "The 1,000th item to pass across the repair table at Conserta Café was a green "
                    "electric kettle that had stopped heating. It took volunteer electrician "
                    "Joaquim Albuquerque eight minutes to find the loose connector, and another "
                    "two to show its owner, retired teacher Célia Ramos, how to check for the same "
                    "fault herself next time."
                ),
            ),
            ("h2", "Coffee, tools and patience"),
            (
                "p",
                (
                    "The café began three years ago in a church hall in the city's Vila Mariana "
                    "district with four volunteers and a borrowed toolbox. It now has 25 regular "
                    "fixers, including seamstresses, bicycle mechanics and a retired watchmaker. "
                    "Visitors are served coffee while they wait and are encouraged to sit beside "
                    "the volunteer working on their item."
                ),
            ),
            (
                "blockquote",
                (
                    "“We don't just give the toaster back. We give back the confidence to open it "
                    "next time,” said Mariana Loureiro, who founded the café after a shop declared "
                    "her own radio unfixable."
                ),
            ),
            (
                "p",
                (
                    "Volunteers keep a simple paper log of every repair. By their estimate, the "
                    "items they have fixed would otherwise have added about four tonnes of waste "
                    "to the city's landfill, and the repairs have saved local households several "
                    "thousand reais they would have spent on replacements."
                ),
            ),
            ("h2", "Spreading the idea"),
            (
                "p",
                (
                    "Two other neighborhoods have since started their own repair events using the "
                    "café's shared checklist of safety rules and common faults. Loureiro says the "
                    "next goal is a lending library of tools, so people who learn a repair on "
                    "Saturday can borrow a soldering iron and finish the job at home during the "
                    "week."
                ),
            ),
        ],
    },
    {
        "slug": "teens-teach-seniors-smartphones",
        "headline": (
            "Teenagers Run a Weekly Phone Clinic for Seniors, and Both Sides Say They're Learning"
        ),
        "standfirst": (
            "At the Riverside library, high school volunteers help older residents with video "
            "calls, bus apps and spotting scam messages."
        ),
        "section": "good-news",
        "authors": ["kwame-ashdown"],
        "tags": ["community", "smartphones"],
        "days_ago": 10,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A teenage volunteer and an older man leaning over a smartphone together at a library "
            "table."
        ),
        "lead_image_caption": (
            "Scam awareness is now the most requested topic at the Riverside phone clinic."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Every Wednesday afternoon, the reading room at Riverside Public Library turns "
                    "into what its organizers call a phone clinic. A dozen high school students "
                    "sit at tables with older residents who bring questions about video calls, "
                    "photo backups, bus timetable apps and, increasingly, suspicious text messages "
                    "that claim to come from their bank."
                ),
            ),
            ("h2", "Scam spotting tops the list"),
            (
                "p",
                (
                    "The clinic began as a school community service project, but it has outlasted "
                    "the original volunteers' graduation. Librarian Harriet Osei says scam "
                    "awareness has become the most requested subject. Students keep a shared "
                    "folder of real examples, with personal details removed, and walk visitors "
                    "through the warning signs: urgency, unfamiliar links and requests for codes."
                ),
            ),
            (
                "blockquote",
                (
                    "“My granddaughter lives in another country. Last month I called her on video "
                    "by myself for the first time,” said Walter Brenner, 81, a regular at the "
                    "clinic."
                ),
            ),
            ("h2", "Lessons in both directions"),
            (
                "p",
                (
                    "The students say the sessions have taught them patience and the value of "
                    "explaining things without jargon. Several older visitors have returned the "
                    "favor by sharing skills of their own, from letter writing to household "
                    "bookkeeping. One retired engineer now runs a monthly session on fixing "
                    "bicycle brakes for any student who asks."
                ),
            ),
            (
                "p",
                (
                    "The library has published a free "
                    '<a href="https://example.org/riverside/phone-clinic-kit">starter kit</a> for '
                    "other libraries that want to run similar sessions. It includes sign-up "
                    "sheets, a privacy checklist for volunteers and plain-language handouts on "
                    "common phone settings, from text size to blocking unknown callers."
                ),
            ),
        ],
    },
    {
        "slug": "school-roof-community-solar",
        "headline": "A School Roof Becomes a Neighborhood Power Plant",
        "standfirst": (
            "Parents and residents in Eastfield crowdfunded solar panels that power the school by "
            "day and sell surplus electricity to the grid."
        ),
        "section": "good-news",
        "authors": ["kwame-ashdown"],
        "tags": ["energy", "community", "climate"],
        "days_ago": 17,
        "status": "published",
        "related": ["data-center-heat-warms-town-pool", "sodium-battery-startup-raises-funding"],
        "lead_image_alt": (
            "Rows of solar panels on a school roof under a clear sky, with a playground visible "
            "below."
        ),
        "lead_image_caption": (
            "The Eastfield roof carries 420 panels owned by more than 600 local members."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "When the roof of Eastfield Primary School needed replacing, a group of "
                    "parents asked a simple question: if the builders are already up there, why "
                    "not add solar panels? Eighteen months later, the school roof carries 420 "
                    "panels owned by a community energy cooperative with more than 600 local "
                    "members."
                ),
            ),
            ("h2", "Small shares, shared benefits"),
            (
                "p",
                (
                    "Residents bought shares starting at 50 dollars, raising enough to cover the "
                    "installation without a bank loan. The school buys electricity from the "
                    "cooperative at a discounted rate, and surplus power generated at weekends and "
                    "during holidays is sold to the grid. Members receive a modest annual return, "
                    "and part of the income funds energy advice for low-income households."
                ),
            ),
            (
                "p",
                (
                    "Pupils track the system's output on a screen in the school hall, and the data "
                    "has found its way into math and science lessons. Teachers say children now "
                    "argue about cloudy days with the kind of intensity usually reserved for "
                    "football scores, and several classes keep weekly charts of the best and worst "
                    "days."
                ),
            ),
            (
                "blockquote",
                (
                    "“It started with a bake sale and a spreadsheet. Now the kids can tell you how "
                    "many kilowatt-hours we made on Tuesday,” said Aurelio Banks, chair of the "
                    "cooperative."
                ),
            ),
            ("h2", "Next roof, please"),
            (
                "p",
                (
                    "The cooperative has identified four more public buildings with suitable "
                    "roofs, including a library and a sports hall. It is preparing a second share "
                    "offer for the spring and has shared its legal templates with other towns. "
                    "Members vote on each new project at an annual meeting held, fittingly, in the "
                    "school hall."
                ),
            ),
        ],
    },
    {
        "slug": "singing-group-dementia-music",
        "headline": "A Singing Group Where Memory Is Optional and Everyone Knows the Chorus",
        "standfirst": (
            "Weekly Sing Together sessions bring people living with dementia and their families "
            "into a room full of songs they have known all their lives."
        ),
        "section": "good-news",
        "authors": ["kwame-ashdown"],
        "tags": ["music", "health", "community"],
        "days_ago": 24,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A circle of older adults and carers singing from lyrics projected on a church hall "
            "wall, a pianist in the corner."
        ),
        "lead_image_caption": (
            "Lyrics are projected on the wall so nobody has to remember the words."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Nobody at Sing Together is asked to remember anything. Lyrics are projected "
                    "on a wall, songs are chosen from the decades when most members were young, "
                    "and the pianist follows the room rather than the other way round. For ninety "
                    "minutes every Thursday, about forty people living with dementia, along with "
                    "partners and carers, sing until the tea is ready."
                ),
            ),
            ("h2", "Why the songs stay"),
            (
                "p",
                (
                    "Researchers have long observed that musical memories often remain accessible "
                    "after other memories fade. Group leader Imogen Whitlock, a former music "
                    "teacher, says she sees it every week. Members who struggle with conversation "
                    "can often sing every verse of a song they learned as teenagers, and that "
                    "confidence frequently carries over into chatting during the break."
                ),
            ),
            (
                "blockquote",
                (
                    "“For an hour and a half, my husband isn't a patient. He's a baritone,” said "
                    "Margaret Oyelaran, who has attended with her husband for two years."
                ),
            ),
            ("h2", "Support for carers too"),
            (
                "p",
                (
                    "Organizers say the sessions matter as much for families as for the people "
                    "they care for. Carers get a weekly chance to meet others in similar "
                    "situations, and many stay after the singing to swap advice on everything from "
                    "benefits to sleep. The group has grown from a single session to three, held "
                    "in church halls across the district."
                ),
            ),
            (
                "p",
                (
                    "Sing Together is run by volunteers and funded through small grants and "
                    "donations. It recently published a "
                    '<a href="https://example.com/sing-together/session-guide">song list and '
                    "session guide</a> so that choirs in other towns can start their own groups "
                    "without specialist training, and it offers a free phone call with an "
                    "experienced leader to anyone getting started."
                ),
            ),
        ],
    },
    {
        "slug": "library-lends-telescopes",
        "headline": (
            "Borrow a Book, Borrow the Moon: A Library's Telescopes Are Booked Out Until Summer"
        ),
        "standfirst": (
            "Harwick's public library started lending telescopes with a laminated star guide. The "
            "waiting list now has 300 names."
        ),
        "section": "good-news",
        "authors": ["kwame-ashdown", "ingrid-vasquez-holm"],
        "tags": ["space", "community"],
        "days_ago": 35,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A small reflecting telescope in a padded carry case beside a red flashlight and a "
            "laminated star chart."
        ),
        "lead_image_caption": (
            "Each telescope comes with a notebook where borrowers record what they saw."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "The most popular item at Harwick Public Library this winter is not a "
                    "bestseller. It is one of six small reflecting telescopes, each packed in a "
                    "padded case with a red flashlight, a laminated star chart and a notebook "
                    "where borrowers record what they saw. All six are on loan, and the waiting "
                    "list runs to more than 300 names."
                ),
            ),
            ("h2", "A gift from the astronomy club"),
            (
                "p",
                (
                    "The telescopes were donated by the Harwick Amateur Astronomy Society, whose "
                    "members modified them to be nearly impossible to knock out of alignment. Club "
                    "volunteers also run monthly orientation evenings in the library car park, "
                    "weather permitting, where new borrowers learn to find the Moon, Jupiter and "
                    "the Orion Nebula before taking a telescope home."
                ),
            ),
            (
                "p",
                (
                    "The notebooks have become a small archive of their own. Entries range from "
                    "careful sketches of lunar craters to one child's verdict that Saturn “looks "
                    "fake, like a sticker.” Librarians plan to display a selection of the best "
                    "pages during a community stargazing night in the spring, alongside "
                    "photographs taken by borrowers."
                ),
            ),
            ("h2", "More telescopes on the way"),
            (
                "p",
                (
                    "After a local newspaper mentioned the waiting list, residents donated enough "
                    "money to buy four more telescopes. Head librarian Colm Reidy says the program "
                    "costs little to run and reaches beyond the usual library crowd. “We've had "
                    "truck drivers, retirees and whole families sign up,” he said. “The sky is the "
                    "great equalizer.”"
                ),
            ),
        ],
    },
    {
        "slug": "student-cubesat-reaches-orbit",
        "headline": "A Shoebox-Sized Satellite Built by Students Phones Home From Orbit",
        "standfirst": (
            "The university team's CubeSat will measure airglow in the upper atmosphere, and all "
            "of its designs are published openly."
        ),
        "section": "science",
        "authors": ["ingrid-vasquez-holm"],
        "tags": ["space", "open source"],
        "days_ago": 3,
        "status": "published",
        "related": ["library-lends-telescopes"],
        "lead_image_alt": (
            "Students gathered around a laptop and a radio receiver at a rooftop ground station "
            "before dawn."
        ),
        "lead_image_caption": (
            "The Kestrel-1 team heard their satellite's first signal about ninety minutes after "
            "launch."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "At 4:12 a.m. on Sunday, a cluster of students crowded around a laptop at a "
                    "university rooftop ground station heard the first faint signal from "
                    "Kestrel-1, a satellite roughly the size of a shoebox that they had spent four "
                    "years designing and building. It had been released from a rideshare rocket "
                    "about ninety minutes earlier."
                ),
            ),
            ("h2", "What Kestrel-1 will measure"),
            (
                "p",
                (
                    "The CubeSat carries a small spectrometer designed to measure airglow, the "
                    "faint light emitted by the upper atmosphere at night. Variations in airglow "
                    "can reveal waves traveling upward from storms and mountain ranges, which "
                    "affect the layer where many satellites orbit. The mission is expected to last "
                    "about eighteen months before the satellite reenters and burns up."
                ),
            ),
            (
                "blockquote",
                (
                    "“We tested everything a hundred times, and I still didn't breathe until I "
                    "heard that beep,” said mission lead Yara Kovačević, a fourth-year engineering "
                    "student."
                ),
            ),
            (
                "p",
                (
                    "The team has published its circuit designs, flight software and test "
                    "procedures under open licenses. Faculty adviser Anselm Drury says that "
                    "openness makes it easier for other universities, including those with much "
                    "smaller budgets, to build on the work instead of starting from zero with "
                    "every new mission."
                ),
            ),
            ("h2", "Listening in"),
            (
                "p",
                (
                    "Amateur radio operators around the world are already helping. Kestrel-1 "
                    "transmits short status packets on an amateur frequency, and listeners can "
                    "upload what they receive to a shared "
                    '<a href="https://example.org/kestrel-1/telemetry">telemetry page</a>. Within '
                    "the first day, stations on four continents had reported signals, giving the "
                    "team a fuller picture of the satellite's health than its own antenna could."
                ),
            ),
        ],
    },
    {
        "slug": "heatwave-night-temperatures-health-study",
        "headline": "Hot Nights, Not Just Hot Days, Drive Heatwave Health Risks, Study Finds",
        "standfirst": (
            "Researchers tracking hospital visits across 40 cities found that nights that fail to "
            "cool down are a strong warning sign."
        ),
        "section": "science",
        "authors": ["ingrid-vasquez-holm"],
        "tags": ["climate", "health"],
        "days_ago": 11,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "An apartment block at night with many windows open and a thermometer on a balcony "
            "reading 27 degrees."
        ),
        "lead_image_caption": (
            "Emergency visits rose sharply after two or more nights above 24 degrees Celsius."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "When public health officials plan for heatwaves, they usually watch daytime "
                    "highs. A new study suggests they should pay equal attention to what happens "
                    "after sunset. Researchers analyzing ten years of hospital admissions across "
                    "40 cities found that emergency visits rose sharply when overnight "
                    "temperatures stayed above 24 degrees Celsius for two or more nights in a row."
                ),
            ),
            ("h2", "Why nights matter"),
            (
                "p",
                (
                    "The body relies on cooler nights to recover from daytime heat. When bedrooms "
                    "stay hot, sleep suffers, heart rates stay elevated and people with existing "
                    "conditions have less chance to recover before the next hot day. The effect "
                    "was strongest among adults over 75 and people living in upper-floor "
                    "apartments without air conditioning, the authors said."
                ),
            ),
            (
                "p",
                (
                    "Cities are warming at night faster than during the day, partly because "
                    "concrete and asphalt release stored heat after dark. That trend is expected "
                    "to continue as the climate warms, making hot nights more frequent in places "
                    "that rarely experienced them a generation ago, including many cities with few "
                    "cooling systems."
                ),
            ),
            (
                "blockquote",
                (
                    "“A forecast that says ‘high of 33’ tells you half the story. The overnight "
                    "low may tell you who ends up in hospital,” said lead author Henrike Salgado, "
                    "an epidemiologist."
                ),
            ),
            ("h2", "What cities can do"),
            (
                "p",
                (
                    "The researchers recommend adding overnight thresholds to heat warning "
                    "systems, keeping cooling centers open into the evening, and checking on "
                    "vulnerable neighbors after dark as well as during the day. Several cities in "
                    "the study have begun reviewing their plans, and the team has shared its "
                    '<a href="https://example.org/hot-nights-study/data">anonymized dataset</a> so '
                    "other regions can test the findings."
                ),
            ),
        ],
    },
    {
        "slug": "ai-listens-to-coral-reefs",
        "headline": "An AI Model Learns to Tell a Healthy Coral Reef by Its Sound",
        "standfirst": (
            "Underwater microphones and a machine-learning model could help scientists monitor "
            "reef recovery without sending divers every week."
        ),
        "section": "science",
        "authors": ["ingrid-vasquez-holm"],
        "tags": ["ai", "climate"],
        "days_ago": 20,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A small underwater recorder strapped to a metal stake beside colorful coral and "
            "passing fish."
        ),
        "lead_image_caption": (
            "Inexpensive recorders can run unattended on a reef for weeks at a time."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "A healthy coral reef is a noisy place, full of the crackle of snapping "
                    "shrimp, the grunts of fish and the scrape of parrotfish teeth on coral. A "
                    "damaged reef is much quieter. Marine scientists have now trained a "
                    "machine-learning model to tell the difference from audio alone, with about 90 "
                    "percent accuracy in field tests."
                ),
            ),
            ("h2", "Listening instead of looking"),
            (
                "p",
                (
                    "The team placed inexpensive underwater recorders at 30 reef sites, some "
                    "thriving and some bleached or damaged by storms. They used the recordings to "
                    "train a model that picks out patterns too subtle for the human ear. Once "
                    "trained, the model can assess weeks of audio in minutes, a job that would "
                    "take a human analyst months."
                ),
            ),
            (
                "p",
                (
                    "That speed matters because reefs can change quickly during marine heatwaves, "
                    "which are becoming more common as the oceans warm. Divers remain essential "
                    "for detailed surveys, but the recorders can run unattended for weeks at a "
                    "time and flag the sites that most urgently need a closer look from a dive "
                    "team."
                ),
            ),
            ("h2", "Limits and next steps"),
            (
                "p",
                (
                    "The researchers caution that the model was trained on a limited number of "
                    "reef types and may not work as well in other regions without more data. Boat "
                    "noise can also confuse it. The team is now deploying recorders at restoration "
                    "sites, where coral fragments have been replanted, to see whether the model "
                    "can detect returning reef life before divers can see it."
                ),
            ),
        ],
    },
    {
        "slug": "lunar-soil-bricks-solar-furnace",
        "headline": (
            "Researchers Bake Bricks From Simulated Moon Dust Using Only Concentrated Sunlight"
        ),
        "standfirst": (
            "A solar furnace experiment suggests future lunar bases could make building materials "
            "without hauling energy-hungry equipment from Earth."
        ),
        "section": "science",
        "authors": ["ingrid-vasquez-holm"],
        "tags": ["space", "energy"],
        "days_ago": 33,
        "status": "published",
        "related": ["student-cubesat-reaches-orbit"],
        "lead_image_alt": (
            "A grey brick with a glassy surface sitting on a lab bench in front of a curved mirror "
            "array."
        ),
        "lead_image_caption": (
            "The sun-baked blocks proved roughly as strong as ordinary clay bricks."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Building anything on the Moon is expensive, largely because every kilogram "
                    "launched from Earth carries a steep price. A team of materials scientists "
                    "says it has taken a step toward a cheaper approach: baking sturdy bricks from "
                    "simulated lunar soil using nothing more than sunlight focused by an array of "
                    "mirrors."
                ),
            ),
            ("h2", "A furnace made of mirrors"),
            (
                "p",
                (
                    "In the experiment, curved mirrors concentrated sunlight onto a small tray of "
                    "regolith simulant, a powder engineered to match the chemistry of lunar dust. "
                    "Layer by layer, the heat fused the grains into blocks about the size of a "
                    "paperback book. Compression tests showed the finished blocks were roughly as "
                    "strong as ordinary clay bricks."
                ),
            ),
            (
                "blockquote",
                (
                    "“The Moon has two resources in abundance: dust and sunlight. We're trying to "
                    "build a house out of both,” said team member Rafael Nakashima-Byrne, a "
                    "materials scientist."
                ),
            ),
            (
                "p",
                (
                    "The approach avoids the need for binding agents or large amounts of "
                    "electricity, both of which would be difficult to supply on the lunar surface. "
                    "However, the team notes that the simulant is not a perfect match for real "
                    "lunar soil, and that the Moon's two-week nights would limit production to "
                    "half of each month."
                ),
            ),
            ("h2", "From lab to landing site"),
            (
                "p",
                (
                    "The next phase will test whether the bricks can survive repeated cycles of "
                    "extreme heat and cold, as they would on the Moon, where surface temperatures "
                    "swing by hundreds of degrees. The researchers also hope to try their method "
                    "on small samples of genuine lunar material held in research collections, if "
                    "they can secure access."
                ),
            ),
        ],
    },
    {
        "slug": "sodium-battery-startup-raises-funding",
        "headline": (
            "Sodium Battery Startup Saltbridge Raises $60 Million to Build Its First Factory"
        ),
        "standfirst": (
            "The company says batteries made from abundant materials could make home and grid "
            "storage cheaper, but it still has to prove it can manufacture at scale."
        ),
        "section": "business",
        "authors": ["tobias-wren"],
        "tags": ["startups", "energy"],
        "days_ago": 6,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "Rows of rectangular battery cells on a pilot production line inside a brick former "
            "mill."
        ),
        "lead_image_caption": (
            "Saltbridge plans to convert a former textile mill into its first factory."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Saltbridge Energy, a four-year-old battery startup, said on Tuesday it had "
                    "raised 60 million dollars to build its first production line for sodium-ion "
                    "cells. The round was led by a climate-focused investment fund, with "
                    "participation from two utilities that plan to test the batteries in "
                    "neighborhood storage projects next year."
                ),
            ),
            ("h2", "Why sodium"),
            (
                "p",
                (
                    "Sodium-ion batteries store less energy by weight than the lithium-ion cells "
                    "found in phones and electric cars, but they use cheaper and more widely "
                    "available materials. That makes them a promising fit for stationary storage, "
                    "where weight matters less than cost and safety. Saltbridge says its cells "
                    "also perform better in freezing temperatures."
                ),
            ),
            (
                "blockquote",
                (
                    "“Nobody is going to put our batteries in a racing car. We want them in "
                    "basements, substations and the back room of a corner shop,” said chief "
                    "executive Odalys Fairweather."
                ),
            ),
            (
                "p",
                (
                    "The factory, planned for a former textile mill, is expected to employ about "
                    "250 people when it reaches full output in two years. Saltbridge says it will "
                    "publish independent test results for its first production batch, a step it "
                    "describes as a way to reassure customers wary of bold claims from new "
                    "entrants."
                ),
            ),
            ("h2", "Big promises, hard road"),
            (
                "p",
                (
                    "Analysts note that many battery startups have struggled to move from "
                    "promising lab results to reliable mass production. Scaling up typically "
                    "exposes problems with yield, quality control and supply contracts that are "
                    "invisible at the prototype stage. Saltbridge says it has already secured most "
                    "of the raw materials it needs for its first three years of production."
                ),
            ),
        ],
    },
    {
        "slug": "ai-hiring-tools-audit-rules",
        "headline": "Employers Using AI to Screen Job Applicants Face New Audit Rules",
        "standfirst": (
            "Companies will have to test automated hiring tools for bias and tell candidates when "
            "software is making the first cut."
        ),
        "section": "business",
        "authors": ["tobias-wren"],
        "tags": ["ai", "regulation"],
        "days_ago": 15,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A laptop screen showing a list of job applications sorted into columns by an "
            "automated scoring tool."
        ),
        "lead_image_caption": (
            "Employers must publish a summary of each annual bias audit on their careers pages."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Companies that use automated tools to sort job applications will soon have to "
                    "commission annual bias audits and tell candidates when software, rather than "
                    "a person, is deciding who makes the shortlist. The rules, approved by the "
                    "state labor commission last week, take effect in nine months and apply to any "
                    "employer with more than 50 staff."
                ),
            ),
            ("h2", "What the audits must show"),
            (
                "p",
                (
                    "Auditors will need to test whether a tool's recommendations differ "
                    "significantly by sex, age, ethnicity or disability, using either real "
                    "historical data or realistic test applications. Employers must publish a "
                    "summary of the results on their careers pages. Tools that show unexplained "
                    "gaps must be adjusted or withdrawn before they can be used again."
                ),
            ),
            (
                "p",
                (
                    "Vendors of hiring software had lobbied for a longer transition period. "
                    "Several told Newsroom that the audit market is immature and that qualified "
                    "auditors are in short supply. A trade group representing recruitment "
                    "technology companies said it supports transparency but warned that some "
                    "smaller employers may simply stop using automated tools altogether."
                ),
            ),
            (
                "blockquote",
                (
                    "“If a tool can reject you in half a second, you deserve to know it exists and "
                    "whether anyone has checked it,” said Tamsin Greaves, an employment lawyer who "
                    "advised on the consultation."
                ),
            ),
            ("h2", "A template for others?"),
            (
                "p",
                (
                    "Legal experts say the rules are narrower than some proposals elsewhere, since "
                    "they cover hiring rather than promotions or performance reviews. Still, they "
                    "expect other regulators to study the approach closely. Employers can read the "
                    "commission's "
                    '<a href="https://example.com/commission/hiring-audits">compliance '
                    "guidance</a>, which includes worked examples and a list of frequently asked "
                    "questions."
                ),
            ),
        ],
    },
    {
        "slug": "vinyl-pressing-plant-expands",
        "headline": "A Vinyl Pressing Plant Doubles in Size as Independent Labels Wait in Line",
        "standfirst": (
            "Groove Lane Pressing is adding four presses and a night shift, but says the record "
            "boom still depends on small labels paying their bills."
        ),
        "section": "business",
        "authors": ["tobias-wren", "odile-marchbank"],
        "tags": ["music", "startups"],
        "days_ago": 28,
        "status": "published",
        "related": ["review-field-recordings-album-saltmarsh"],
        "lead_image_alt": (
            "A worker lifting a freshly pressed marbled blue vinyl record from a hydraulic press."
        ),
        "lead_image_caption": (
            "Recycled vinyl compound produces unpredictable marbled colors that some fans now "
            "request."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Groove Lane Pressing opened five years ago with two refurbished presses and a "
                    "plan to serve local bands. This month it is moving into a warehouse twice the "
                    "size, installing four new machines and hiring twelve more staff to handle a "
                    "backlog that has stretched to five months for some independent record labels."
                ),
            ),
            ("h2", "Demand outpaces capacity"),
            (
                "p",
                (
                    "Vinyl sales have remained strong even as streaming dominates how most people "
                    "listen to music. Small labels say records are one of the few formats fans are "
                    "still willing to pay for directly, especially at concerts. But with only a "
                    "handful of pressing plants in the region, independent artists often find "
                    "themselves waiting behind major-label reissues."
                ),
            ),
            (
                "p",
                (
                    "Co-owner Beatriz Halloran says Groove Lane will reserve a share of its new "
                    "capacity for first-time releases and runs of 300 copies or fewer, which "
                    "larger plants often decline. “If the small jobs stop, the next generation of "
                    "bands never gets a record made,” she said during a tour of the new building."
                ),
            ),
            ("h2", "Thin margins"),
            (
                "p",
                (
                    "The expansion was financed through a loan from a regional development bank "
                    "and pre-orders from more than 40 labels. Halloran acknowledges the risk: raw "
                    "material prices have risen, and a few late payments can quickly create a "
                    "cash-flow problem. The company is experimenting with recycled vinyl compound, "
                    "which is cheaper but produces records in unpredictable marbled colors."
                ),
            ),
        ],
    },
    {
        "slug": "review-field-recordings-album-saltmarsh",
        "headline": (
            "Review: ‘Saltmarsh Hours’ Turns Birdsong and Tide Gauges Into a Strange, Lovely Album"
        ),
        "standfirst": (
            "Composer Ilka Veranen built her new record from a year of field recordings on a "
            "disappearing stretch of coast."
        ),
        "section": "culture",
        "authors": ["odile-marchbank"],
        "tags": ["music", "climate"],
        "days_ago": 8,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A wooden gate on the edge of a salt marsh at low tide, with wading birds in the "
            "shallow water behind it."
        ),
        "lead_image_caption": "Every track on the album corresponds to one month on the marsh.",
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "The first sound on “Saltmarsh Hours” is not an instrument but a gate creaking "
                    "in the wind. For the next 48 minutes, composer Ilka Veranen layers that gate, "
                    "the calls of wading birds and the electronic pulse of a tide gauge under "
                    "slow, patient chords played on a battered harmonium. The result is one of the "
                    "most quietly absorbing records of the year."
                ),
            ),
            ("h2", "A year on the edge"),
            (
                "p",
                (
                    "Veranen spent twelve months recording on a coastal marsh that is expected to "
                    "be largely underwater within a few decades. Rather than making an album about "
                    "loss, she has made one about attention. Each track corresponds to a month, "
                    "and the shifting textures, from the thin light of January to the insect hum "
                    "of August, reward listening on good headphones."
                ),
            ),
            (
                "p",
                (
                    "Not every idea lands. A spoken-word passage in the middle of the record, in "
                    "which a local ferry operator recalls past storms, feels more like a "
                    "documentary excerpt than part of the music. Listeners who want melody may "
                    "find the longer pieces static. But the best tracks, particularly “October, "
                    "Low Water,” are genuinely moving."
                ),
            ),
            ("h2", "The verdict"),
            (
                "p",
                (
                    "This is a record that asks for patience and repays it. Veranen is not "
                    "lecturing anyone about the climate; she is simply showing what a particular "
                    "place sounds like, in close detail, before it changes. Four stars out of "
                    "five. “Saltmarsh Hours” is out now on vinyl and digital through the "
                    "independent label Heronry Records."
                ),
            ),
        ],
    },
    {
        "slug": "museum-exhibition-video-game-pixel-art",
        "headline": "Pixels on the Gallery Wall: A Museum Takes Early Video Game Art Seriously",
        "standfirst": (
            "A new exhibition traces how artists working with a handful of colors and tiny memory "
            "budgets shaped a visual language still used today."
        ),
        "section": "culture",
        "authors": ["odile-marchbank", "mei-lin-harper"],
        "tags": ["video games", "retro computing"],
        "days_ago": 21,
        "status": "published",
        "related": ["homebrew-cartridges-revive-old-consoles"],
        "lead_image_alt": (
            "Framed sheets of graph paper with hand-drawn pixel characters hanging on a white "
            "gallery wall."
        ),
        "lead_image_caption": (
            "Original graph-paper sketches hang beside the playable machines they were made for."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "The centerpiece of “Sixteen Colors,” the new exhibition at the Marlowe Museum "
                    "of Design, is a wall of hand-drawn graph paper. Each sheet shows a character "
                    "or landscape from a 1980s video game, sketched square by square by artists "
                    "who had to fit their work into a few kilobytes of memory and a palette "
                    "smaller than a box of crayons."
                ),
            ),
            ("h2", "Constraints as a style"),
            (
                "p",
                (
                    "Curator Anouk Delacroix-Payne argues that those limits produced a distinct "
                    "art form rather than a primitive stage on the way to realism. The exhibition "
                    "places original sketches beside playable machines, so visitors can see how a "
                    "figure on paper became a sprite on screen, and how clever color cycling could "
                    "suggest flowing water or flickering torches."
                ),
            ),
            (
                "blockquote",
                (
                    "“When you only have sixteen colors, every single one has to earn its place. "
                    "That discipline is what makes this work beautiful,” said Delacroix-Payne."
                ),
            ),
            (
                "p",
                (
                    "The show also traces the revival of pixel art among independent developers, "
                    "with a room of recent games that deliberately adopt older constraints. The "
                    "contrast is instructive: modern artists choose the style for its charm and "
                    "clarity, while their predecessors in the 1980s had no choice at all."
                ),
            ),
            ("h2", "Worth a visit"),
            (
                "p",
                (
                    "The exhibition is compact, and some of the wall text assumes more technical "
                    "knowledge than casual visitors will have. But it is thoughtfully designed, "
                    "with plenty of hands-on stations and a reading corner stocked with design "
                    "documents rarely seen in public. “Sixteen Colors” runs until the end of "
                    'summer; <a href="https://example.org/marlowe/sixteen-colors">timed '
                    "tickets</a> are recommended on weekends."
                ),
            ),
        ],
    },
    {
        "slug": "review-play-chatbot-confidant",
        "headline": (
            "Review: ‘The Patient Listener’ Is a Sharp Stage Comedy About Confiding in a Chatbot"
        ),
        "standfirst": (
            "A lonely night-shift worker, an overly helpful AI and a great many secrets: this new "
            "play finds real warmth in a familiar premise."
        ),
        "section": "culture",
        "authors": ["odile-marchbank"],
        "tags": ["ai", "privacy"],
        "days_ago": 40,
        "status": "published",
        "related": [],
        "lead_image_alt": (
            "A security guard sitting alone at a desk on a dim stage, his face lit by the glow of "
            "a phone."
        ),
        "lead_image_caption": (
            "The chatbot is never seen on stage, only heard as a calm, eager voice."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "In “The Patient Listener,” now playing at the Fernhill Theater, a night-shift "
                    "security guard named Otto starts talking to the chatbot on his phone to pass "
                    "the hours. At first he asks about the weather and football scores. By the "
                    "interval he has told it about his divorce, his debts and the brother he "
                    "hasn't spoken to in ten years."
                ),
            ),
            ("h2", "A voice in the dark"),
            (
                "p",
                (
                    "Playwright Celeste Okoro-Lind wisely keeps the chatbot offstage. It exists "
                    "only as a calm, slightly too eager voice, performed with impressive timing by "
                    "an actor seated in the sound booth. The comedy comes from the mismatch "
                    "between Otto's messy confessions and the machine's tidy, upbeat replies, "
                    "which grow steadily more unsettling as the evening goes on."
                ),
            ),
            (
                "p",
                (
                    "The second act turns to a question the first only hints at: where do all "
                    "those confidences go? A subplot involving an advertising company that has "
                    "bought access to the app's data is handled a little too neatly, but it gives "
                    "the final scenes a welcome edge and stops the play from becoming merely "
                    "sentimental."
                ),
            ),
            ("h2", "The verdict"),
            (
                "p",
                (
                    "As Otto, Brandon Kessel gives a generous, funny performance that never tips "
                    "into caricature. The play could lose ten minutes, and its ending is "
                    "predictable. Still, it asks timely questions about privacy and loneliness "
                    "without preaching, and it sends audiences home wondering what they have told "
                    "their own devices. Three and a half stars out of five."
                ),
            ),
        ],
    },
    {
        "slug": "draft-esports-team-ownership-changes",
        "headline": "Draft: Esports Team Ownership Changes Ahead of the Spring Season",
        "standfirst": (
            "Three teams in the Northern Arena League are expected to change hands. Sale figures "
            "and league comment still to be confirmed."
        ),
        "section": "gaming",
        "authors": ["mei-lin-harper"],
        "tags": ["esports", "startups"],
        "days_ago": 0,
        "status": "draft",
        "related": [],
        "lead_image_alt": "An empty esports arena with team banners hanging above a dark stage.",
        "lead_image_caption": "The Northern Arena League's spring season begins in six weeks.",
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Three of the eight teams in the Northern Arena League are expected to change "
                    "owners before the spring season begins, according to people involved in the "
                    "negotiations. The sales reflect a wider shift in esports, where early "
                    "investors who bought teams during a period of rapid growth are now looking "
                    "for exits as sponsorship income levels off."
                ),
            ),
            ("h2", "Who is buying"),
            (
                "p",
                (
                    "Buyers this time are mostly regional media companies and traditional sports "
                    "clubs rather than venture-backed startups. Several see esports teams as a way "
                    "to reach younger audiences who watch little traditional television. League "
                    "officials say any new owner must commit to honoring existing player contracts "
                    "for at least one full season."
                ),
            ),
            (
                "p",
                (
                    "Editor's note: sale prices in this version come from a single source and need "
                    "confirmation from a second. Comment has been requested from the league office "
                    "and from the current owners of all three teams. Figures should not be "
                    "published until both checks are complete."
                ),
            ),
            ("h2", "What it means for players"),
            (
                "p",
                (
                    "Players contacted for this story said they were mostly worried about "
                    "stability. Ownership changes in previous seasons led to roster cuts and "
                    "relocations with little notice. The Competitive Players' Guild said it would "
                    "ask the league to require new owners to sign its voluntary contract pledge as "
                    "a condition of approval."
                ),
            ),
        ],
    },
    {
        "slug": "draft-space-weather-busy-year",
        "headline": "Draft: Forecasters Prepare for a Busy Year of Space Weather",
        "standfirst": (
            "The Sun is nearing the peak of its activity cycle. Interviews with a forecaster and a "
            "grid engineer are still to be added."
        ),
        "section": "science",
        "authors": ["ingrid-vasquez-holm"],
        "tags": ["space", "energy"],
        "days_ago": 0,
        "status": "draft",
        "related": [],
        "lead_image_alt": (
            "Green and violet aurora curtains over a snowy field with power lines in the "
            "foreground."
        ),
        "lead_image_caption": (
            "Strong geomagnetic storms can push the northern lights far from the poles."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "The Sun is approaching the busiest part of its roughly eleven-year activity "
                    "cycle, and forecasters expect more frequent solar flares and geomagnetic "
                    "storms over the coming months. Most will pass unnoticed, but stronger events "
                    "can disrupt radio communications, confuse satellite navigation and, in rare "
                    "cases, strain electricity grids at high latitudes."
                ),
            ),
            ("h2", "Why grid operators are paying attention"),
            (
                "p",
                (
                    "Geomagnetic storms can induce currents in long power lines, heating "
                    "transformers that are expensive and slow to replace. Grid operators have "
                    "improved their monitoring since major storms in past decades, and many now "
                    "have procedures for reducing the load on vulnerable equipment as soon as a "
                    "storm warning is issued."
                ),
            ),
            ("h2", "Northern lights further south"),
            (
                "p",
                (
                    "The more cheerful consequence is that auroras may be visible far from the "
                    "poles. Skywatchers should look for forecasts of strong geomagnetic activity, "
                    "find a dark spot away from streetlights and point a phone camera north, since "
                    "phone cameras often pick up colors that the naked eye misses."
                ),
            ),
            (
                "p",
                (
                    "Editor's note: this version still needs interviews with a space weather "
                    "forecaster and a grid engineer, plus a short explainer box on how storm "
                    "severity scales work. Reader photographs of recent auroras may be added once "
                    "the piece has a publication date."
                ),
            ),
        ],
    },
    {
        "slug": "community-heroes-awards-nominations-open",
        "headline": "Nominations Open Thursday for Newsroom's First Community Heroes Awards",
        "standfirst": (
            "Know someone who makes your neighborhood kinder, greener or more connected? From "
            "Thursday, you can nominate them in five categories."
        ),
        "section": "good-news",
        "authors": ["kwame-ashdown"],
        "tags": ["community", "climate"],
        "days_ago": 0,
        "status": "scheduled",
        "publish_in_hours": 48,
        "related": [],
        "lead_image_alt": (
            "A hand-painted wooden sign reading Community Heroes propped against a park bench "
            "decorated with bunting."
        ),
        "lead_image_caption": (
            "Winners in each category will receive a grant to pass on to a local cause."
        ),
        "lead_image_credit": "Illustration: Newsroom demo",
        "body": [
            (
                "p",
                (
                    "Newsroom will open nominations on Thursday for its first Community Heroes "
                    "Awards, a new annual celebration of the people who make their neighborhoods "
                    "kinder, greener and more connected. Readers can nominate anyone, from a "
                    "volunteer who runs a food bank to a teenager who organized a park cleanup, as "
                    "long as the work was unpaid or went well beyond a job description."
                ),
            ),
            ("h2", "The categories"),
            (
                "p",
                (
                    "Awards will be given in five categories: neighborhood champion, young "
                    "changemaker, climate action, arts and culture, and lifetime contribution. A "
                    "panel of readers, community organizers and Newsroom journalists will choose a "
                    "shortlist, and readers will vote for the winners in each category during a "
                    "two-week public poll."
                ),
            ),
            (
                "p",
                (
                    "Winners will be profiled in Newsroom's Good News section and invited to a "
                    "ceremony at a community venue in the spring. Each winner will also receive a "
                    "grant of 1,000 dollars to donate to a local cause of their choice, and "
                    "shortlisted nominees will receive a certificate signed by the judging panel."
                ),
            ),
            ("h2", "How to nominate"),
            (
                "p",
                (
                    "Nominations will be accepted through an online form for four weeks. Readers "
                    "should describe the nominee's work in a few paragraphs and, where possible, "
                    "include a supporting statement from someone who has benefited from it. Full "
                    "rules and eligibility details will appear on the "
                    '<a href="https://example.com/community-heroes/rules">awards page</a> when '
                    "nominations open."
                ),
            ),
        ],
    },
]


# One demo login per role (docs/editor-guide.md). The contributor writes as Mei-Lin Harper, so
# "my articles" includes her draft; a second editor makes the stale-save guard easy to try.
ROLE_USERS = [
    {
        "username": "contributor",
        "password": "newsroom-contributor",
        "group": "Contributor",
        "first_name": "Mei-Lin",
        "last_name": "Harper",
        "author": "mei-lin-harper",
    },
    {
        "username": "editor",
        "password": "newsroom-editor",
        "group": "Editor",
        "first_name": "Eda",
        "last_name": "Desk",
        "author": None,
    },
    {
        "username": "editor2",
        "password": "newsroom-editor2",
        "group": "Editor",
        "first_name": "Noor",
        "last_name": "Second",
        "author": None,
    },
    {
        "username": "admin",
        "password": "newsroom-admin",
        "group": "Administrator",
        "first_name": "Ada",
        "last_name": "Admin",
        "author": None,
    },
]
