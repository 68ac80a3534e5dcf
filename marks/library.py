"""The mark library: every stage's marks of good practice, in our own plain words.

This is content, reviewed like code. When a project is created its marks are copied
from here, so a group can reword, hide and add marks without touching anyone else's.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from projects.stages import Stage


@dataclass(frozen=True)
class LibraryMark:
    stage: Stage
    # A stable identifier, so a project's copy can be traced back to the library.
    key: str
    title: str
    explanation: str
    ladders: list[str] = field(default_factory=list)
    snakes: list[str] = field(default_factory=list)


LIBRARY: list[LibraryMark] = [
    # -- Planning: follows the quick start guide, with depth from the council
    # framework and the practice questions and answers.
    LibraryMark(
        stage=Stage.PLANNING,
        key="planning-starting-positively",
        title=_("Starting positively: bringing together co-producers"),
        explanation=_(
            "Bring everyone into the project before anything important is settled. "
            "People with lived experience should help shape the aims, not be asked to sign up to aims that are already fixed. "
            "Talk together about what you want to change, why it matters and what the group cannot do. "
            "A good start builds trust that lasts for the whole project."
        ),
        ladders=[
            _(
                "The group set its goals together and agreed what it wanted to change, and why, before any work began."
            ),
            _(
                "At the first meeting, members agreed what was outside their reach, so nobody was let down later."
            ),
        ],
        snakes=[
            _(
                "The aims were all fixed before people with lived experience joined, so they could only react to plans made by others."
            ),
            _(
                "An organisation called its work co-production when it was only asking for people's views, and people felt misled."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PLANNING,
        key="planning-reach-out",
        title=_("Reach out to a wide mix of people"),
        explanation=_(
            "A group with many different backgrounds rarely forms by itself. "
            "Someone has to go out and find people. "
            "Take the project to places where people already spend time, instead of waiting for them to find you. "
            "Think about whose experience matters for this work and who is often left out."
        ),
        ladders=[
            _(
                "Members went along to coffee mornings and other places where people already met, instead of asking them to come to an office."
            ),
            _(
                "A project offered a hot breakfast, or coffee and cake, to meet people somewhere they felt at ease."
            ),
        ],
        snakes=[
            _(
                "A project kept inviting the same familiar faces, so the same few voices were heard every time."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PLANNING,
        key="planning-ground-rules",
        title=_("Agree your ground rules together"),
        explanation=_(
            "Ground rules are the promises a group makes about how it will work. "
            "Write them together, so they belong to everyone and not just to the people running the project. "
            "Cover how you will treat each other, what words you will use and how you will make decisions. "
            "Come back to them when something changes or a new member joins."
        ),
        ladders=[
            _(
                "A group agreed early on that it would take a vote if a decision got stuck, so nobody was surprised when that happened."
            ),
            _(
                "Members wrote a short list of how they would work together, including the kind of language they wanted to use."
            ),
        ],
        snakes=[
            _(
                "Someone hurried the group into a decision in a way nobody had agreed to, and people stopped trusting the process."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PLANNING,
        key="planning-power-from-the-start",
        title=_("Think about power and fairness from the start"),
        explanation=_(
            "Power is about whose voice counts most and who gets the final say. "
            "Some people hold more of it because of their work or their place in an organisation. "
            "Talk about this openly at the very beginning, so it does not quietly grow into a problem. "
            "Say what each person is responsible for and what they can and cannot change."
        ),
        ladders=[
            _(
                "Professionals took off their lanyards and met people outside office hours, which made the group feel more level."
            ),
            _(
                "Meeting in a neutral place, with equal numbers of lived experience and professional members, helped to balance the group."
            ),
        ],
        snakes=[
            _(
                "A suggestion was politely thanked and then dropped with no reason given, and the person who made it felt ignored."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PLANNING,
        key="planning-where-and-when",
        title=_("Decide together where and when to meet"),
        explanation=_(
            "Choose meeting times and places as a group. "
            "For meetings in person, think about travel, cost and whether the building is easy for everyone to get into and move around. "
            "For online meetings, check that everyone has a device, a good enough connection and the confidence to join. "
            "Offer help to anyone who needs it before the first meeting."
        ),
        ladders=[
            _(
                "An online group talked about cameras and found a way that suited both people who wanted to see faces and people who wanted their own camera off."
            ),
        ],
        snakes=[
            _(
                "Meetings were only held in an office during the working day, which shut out people who could not get there at that time."
            ),
            _(
                "A group met online without checking that everyone had the internet at home, and some members simply could not join."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PLANNING,
        key="planning-offer-choice",
        title=_("Offer choice in how people take part"),
        explanation=_(
            "Not everyone finds it easy to speak up in a group. "
            "Let people choose how they share their ideas. "
            "Some may prefer a one-to-one chat, a phone call, or writing their thoughts down and sending them in. "
            "Looking beyond set meetings can help you hear from many more people."
        ),
        ladders=[
            _(
                "A project offered many ways to take part, from group meetings to one-to-one chats, text messages, phone calls, video calls and email."
            ),
            _(
                "Members who did not enjoy speaking in meetings wrote their ideas down and sent them to the group."
            ),
        ],
        snakes=[
            _(
                "The only way to take part was a long meeting in a formal room, so quieter people were hardly heard."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PLANNING,
        key="planning-dont-assume",
        title=_("Don't assume what people can or can't do"),
        explanation=_(
            "It is easy to guess wrongly about what someone can offer. "
            "Ask people what they are good at and what they would like to try. "
            "Many people have skills they never mention unless someone asks. "
            "Make room for everyone to learn something new during the project."
        ),
        ladders=[
            _(
                "Members with lived experience helped to design a website, choosing its colours, fonts and layout as well as writing the words."
            ),
            _(
                "The group asked each person about skills they had not yet mentioned, and found know-how that helped the work."
            ),
        ],
        snakes=[
            _(
                "People were only asked to tell their stories, even though they could have helped to plan and shape the work."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PLANNING,
        key="planning-payment",
        title=_("Be clear about payment and expenses"),
        explanation=_(
            "People should know from the start what they will be paid and which costs will be covered. "
            "Explain how and when money will arrive, and who to ask if something goes wrong. "
            "Cover travel and other costs too, and pay them quickly. "
            "Clear, fair payment shows that lived experience is valued as much as professional knowledge."
        ),
        ladders=[
            _(
                "Someone who had never sent an invoice before was helped to write one, so they could be paid without worry."
            ),
            _(
                "Where the budget allowed, a project gave shopping vouchers to thank people for their time."
            ),
        ],
        snakes=[
            _(
                "Payments were so slow and complicated that some people could not afford to keep coming."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PLANNING,
        key="planning-how-work-is-used",
        title=_("Be clear about how the work will be checked and used"),
        explanation=_(
            "Most organisations have their own steps for checking and approving work. "
            "Explain these steps at the start, so everyone knows how the group's work will be shown to others and put to use. "
            "Be honest about what the group can influence and which decisions are made somewhere else. "
            "Fewer surprises later means more trust."
        ),
        ladders=[
            _(
                "A group listed which decisions it could make itself and which would go to senior leaders, and agreed who would carry its views there."
            ),
        ],
        snakes=[
            _(
                "Members expected their ideas to be used as they wrote them, and felt let down when the organisation changed them without warning."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PLANNING,
        key="planning-time",
        title=_("Be realistic and flexible about time"),
        explanation=_(
            "Co-production often takes longer than people expect. "
            "Set clear steps and dates, but be ready to change them. "
            "Look ahead for things that might hold the work up, such as deadlines and targets, and plan what you would do. "
            "Check progress together at regular points so nobody is left behind."
        ),
        ladders=[
            _(
                "A group set clear milestones and looked back at its progress together every few meetings."
            ),
            _(
                "Members talked early on about what might slow them down and agreed a backup plan together."
            ),
        ],
        snakes=[
            _(
                "A tight deadline meant decisions were rushed through without the whole group, and people felt left out."
            ),
        ],
    ),
    # -- Process: the marks on the tool's "Process" page, in its order.
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-listening",
        title=_("Listening"),
        explanation=_(
            "Of all the skills in co-production, listening matters most, and anyone can learn it. "
            "You do not need training or qualifications to do it well. "
            "Every person in the group has lived through different things, and each of those experiences deserves attention. "
            "Show that you have listened by responding to what people say."
        ),
        ladders=[
            _(
                "When someone felt unheard, a member thanked them, said their feelings made sense and asked what being listened to would look like for them."
            ),
            _(
                "When an idea could not be used, the group explained why, which showed it had been properly thought about."
            ),
        ],
        snakes=[
            _(
                "A group mixed up disagreeing with someone and not hearing them, which left one member feeling shut out."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-gaining-new-skills",
        title=_("Gaining new skills"),
        explanation=_(
            "Everyone can learn during a project, both for themselves and for their work. "
            "Professionals should open up how things are done and share what they know, so others can take part fully. "
            "Learning works best in a safe place where it is fine to ask questions. "
            "Naming the skills people have picked up can give them a real boost."
        ),
        ladders=[
            _(
                "A project began with a few workshops on software and ethics, which helped lived experience members join in with confidence."
            ),
            _(
                "When someone knew less about a topic, the group helped them learn it instead of leaving them out."
            ),
        ],
        snakes=[
            _(
                "Professionals kept their know-how to themselves, so other members could only watch from the side."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-clear-words",
        title=_("Use words everyone understands"),
        explanation=_(
            "Everyone needs to understand what is being talked about. "
            "Avoid jargon, which means special words only some people know, and avoid short forms made from the first letters of words. "
            "These can quietly show who holds power and who does not. "
            "Some everyday words can make people uneasy too, so ask the group which words feel right. "
            "Be ready to explain what you mean and to answer questions."
        ),
        ladders=[
            _(
                "A group chose to call its meetings with new people a 'conversation', because the more formal word made some members anxious."
            ),
            _(
                "Members chose the word 'co-producers' for everybody, because it includes all of them equally."
            ),
        ],
        snakes=[
            _(
                "Short forms made from first letters were used without explanation, and some members quietly lost track of the discussion."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-icebreakers",
        title=_("Use icebreakers with care"),
        explanation=_(
            "An icebreaker is a short activity to help people relax at the start of a meeting. "
            "A good one can bring a group together, but a poor one can feel awful. "
            "Never push anyone to share something personal, and let people sit out if they want to. "
            "Keep it short, especially when the meeting itself is short."
        ),
        ladders=[
            _(
                "One group asked each person for just three words, as a tiny sentence or three separate words, which took the pressure off."
            ),
            _(
                "A group made it clear that anyone could skip the icebreaker, which helped members who were going through a hard time."
            ),
        ],
        snakes=[
            _(
                "Twenty minutes of a one-hour meeting went on an icebreaker, and some people talked for far longer than others."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-creative",
        title=_("Be creative: meetings don't have to be all talking"),
        explanation=_(
            "Talking is not the only way to share ideas. "
            "Art, writing, games and making things can help people say what is hard to put into words. "
            "Creative activities can also help people who find speaking in a group difficult. "
            "Try different ways and ask the group what they enjoy."
        ),
        ladders=[
            _(
                "In a project about dementia, people living with it and their families decorated paper head shapes with what dementia meant to them, and the room was buzzing."
            ),
            _(
                "A group picked out striking words from a piece of writing that already existed and rearranged them into a poem."
            ),
        ],
        snakes=[
            _(
                "Every meeting was just people talking around a table, and the same few voices filled the time."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-conflict",
        title=_("Deal with conflict early"),
        explanation=_(
            "Sometimes members will not get on, or will disagree strongly about the work. "
            "Debate is healthy, but it should not turn into arguments or hurt. "
            "Ask why a problem has come up, especially if it is linked to power or to someone being left out. "
            "Help everyone build the confidence and skills to raise and sort out difficulties."
        ),
        ladders=[
            _(
                "Through the project, one member gained the confidence to say when they disagreed, even with people who had important-sounding titles."
            ),
        ],
        snakes=[
            _(
                "A group avoided a conflict because nobody knew how to handle it, and it disrupted their work for about a year."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-time-with-communities",
        title=_("Spend time with communities"),
        explanation=_(
            "Good co-production means being part of a community, not just watching it from outside. "
            "Go to where people are and spend real time with them. "
            "Think about what would actually help the people you meet. "
            "Small, practical gifts can show that you care about more than getting answers."
        ),
        ladders=[
            _(
                "A project about looking after teeth brought toothbrushes to give to the people it talked with."
            ),
        ],
        snakes=[
            _(
                "A council sent out a quick survey instead of getting to know the community, and missed what really mattered to people."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-power",
        title=_("Think about (and talk about) power"),
        explanation=_(
            "Power shows up in many ways. "
            "Often it is when professional views are given more weight than lived experience. "
            "It can also happen between any members, for example when someone is brushed aside because they are new to co-production. "
            "Noticing these patterns and talking about them openly is the first step to changing them."
        ),
        ladders=[
            _(
                "Name tags showed only people's names, so nobody's job was on show and everyone started on the same footing."
            ),
            _(
                "A working group led by people who experience racism decided what mattered most and how fast to go, and talked through what feeling safe meant to them before going further."
            ),
        ],
        snakes=[
            _(
                "When people introduced themselves, professionals named their jobs while lived experience members shared something personal, which set up an imbalance straight away."
            ),
            _(
                "A meeting talked about sharing power but was still run like a formal briefing for employees."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-keep-checking",
        title=_("Keep checking how things are going"),
        explanation=_(
            "Do not wait until the end to ask how the project is working. "
            "At regular points, ask what you will keep, what you will drop and what needs to change. "
            "Check that everyone feels heard and valued. "
            "Look out for problems with power, conflict or people being left out, and deal with them together."
        ),
        ladders=[
            _(
                "A group went back over the questions it had asked at the planning stage at each meeting."
            ),
        ],
        snakes=[
            _(
                "A group only looked back at the very end, when it was too late to fix what had gone wrong."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-look-after-yourselves",
        title=_("Look after yourselves (and each other)"),
        explanation=_(
            "Co-production often means talking about real and painful experiences. "
            "This can affect everyone, whether they bring lived experience or professional knowledge. "
            "Take some quiet time after each meeting, and try to have someone outside the project to talk to. "
            "The people running the project should explain what support is on offer and who to turn to if someone becomes upset."
        ),
        ladders=[
            _(
                "Members took a short break to unwind after each meeting before going back to the rest of their day."
            ),
        ],
        snakes=[
            _(
                "One member did not expect how hard it would be to hear distressing stories, and had nowhere to take those feelings outside the group."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-develop-contingencies",
        title=_("Develop contingencies"),
        explanation=_(
            "A contingency is a backup plan for when things do not go as expected. "
            "Co-production can be hard to predict: people may have to step away for a while or for good, and professionals may move to other work. "
            "Decide early whether and how you will bring in new people. "
            "Make sure joining later is just as careful and welcoming as joining at the start."
        ),
        ladders=[
            _(
                "A group asked its members who they would suggest in their place if they ever had to leave."
            ),
            _(
                "A project kept in touch with local groups it knew, so it could find new members quickly if needed."
            ),
        ],
        snakes=[
            _(
                "When a project needed more members later on, it rushed the process and accepted everyone without the care it had taken at the start."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-diversity-and-allies",
        title=_("Respect diversity and be an ally"),
        explanation=_(
            "A co-production group should reflect the communities it works with. "
            "Understanding racism and other unfairness is not only the job of the people who face it. "
            "Everyone should stay curious and be an ally, which means noticing unfair treatment and speaking up about it. "
            "This can feel uncomfortable, and that is all right."
        ),
        ladders=[
            _("When one member kept being talked over, another member noticed and spoke up."),
            _(
                "Members read a report built from more than thirty people's stories about racism in co-production, to help make their own space fairer."
            ),
        ],
        snakes=[
            _(
                "A group left it to the members who experience racism to point it out every single time."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.PROCESS,
        key="process-admin-support",
        title=_("Secure and value admin support"),
        explanation=_(
            "Co-production comes with lots of practical tasks, such as finding times that suit everyone, booking rooms and sorting out payments. "
            "It helps to have one person in charge of this, someone organised and patient. "
            "This work keeps the project running smoothly. "
            "Always thank the people who do it and never take it for granted."
        ),
        ladders=[
            _(
                "Two people who shared the admin work helped a member write his very first invoice, which made a big difference to him."
            ),
        ],
        snakes=[
            _(
                "A group took its admin work for granted and only noticed it when things started to go wrong."
            ),
        ],
    ),
    # -- Completing, sharing, celebrating: the marks on the tool's own page, in its order.
    LibraryMark(
        stage=Stage.COMPLETING,
        key="completing-thank-everybody",
        title=_("Thank everybody"),
        explanation=_(
            "Everyone brings their skills and experiences to the project, and each person deserves thanks. "
            "Say thank you often, not only at the end. "
            "Thanking people costs nothing, so even the smallest project can do it. "
            "When someone has shared something, let them know what happened next."
        ),
        ladders=[
            _(
                "A project thanked its members at regular points and made a special effort to thank everyone when the work finished."
            ),
        ],
        snakes=[
            _(
                "Someone shared their experience when asked and then heard nothing more, not even a thank you."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.COMPLETING,
        key="completing-keep-updated",
        title=_("Make sure everyone's kept updated"),
        explanation=_(
            "Near the end, the work may go through steps such as being published or put into practice. "
            "Members with lived experience are often less involved at this point. "
            "That makes keeping in touch even more important. "
            "Tell people how their work is being used and what has changed because of it."
        ),
        ladders=[
            _(
                "Update emails began by saying there was no need to read on if people were busy, so each person could choose how much to follow."
            ),
            _(
                "A member was delighted to hear that the project had helped someone early in their career win funding for further study."
            ),
        ],
        snakes=[
            _(
                "After giving very personal stories, some members never found out whether the project had finished or saw what it produced."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.COMPLETING,
        key="completing-voice",
        title=_(
            "Consider any possible tensions between co-producers' 'voice' and an organisational 'voice'"
        ),
        explanation=_(
            "People with lived experience may not write in an official style or use professional words. "
            "That is part of why their voices are so valuable. "
            "Organisations often have their own rules for how things should look and sound. "
            "Agree together how to handle any clash, and protect the meaning of what the group has said."
        ),
        ladders=[
            _(
                "A group made clear that its findings were in the words of the people who took part, so it was plain where any criticism came from."
            ),
            _(
                "Professionals in the group used their influence to insist that the message stayed exactly as the group meant it."
            ),
        ],
        snakes=[
            _(
                "When the publicity team got involved, the group's message was polished until its meaning was watered down."
            ),
            _(
                "Senior people softened the group's words, which quietly took power back from the group."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.COMPLETING,
        key="completing-open-about-challenges",
        title=_("Be open about the challenges – this helps others too"),
        explanation=_(
            "Being positive about co-production matters, but pretending it was easy does not help anyone. "
            "When you share your project, be honest about what was hard as well as what went well. "
            "Other groups can then prepare for similar problems. "
            "Honesty also helps to make co-production less of a mystery."
        ),
        ladders=[
            _(
                "A group shared its struggles as well as its successes, so other groups knew what to expect."
            ),
        ],
        snakes=[
            _(
                "A write-up made a project sound perfect, which left the next group unready when the same problems appeared."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.COMPLETING,
        key="completing-co-design-celebration",
        title=_("Co-production means co-designing the celebration too!"),
        explanation=_(
            "A celebration does not have to be a party. "
            "It is a chance to recognise what the group has made and what everyone has learned. "
            "Plan it together and make sure everyone can take part in a way that suits them. "
            "Ask your members what kind of celebration feels right."
        ),
        ladders=[
            _(
                "A dementia project celebrated with a book of poems and an afternoon of collage making, which the group had planned together."
            ),
            _(
                "At an online event everyone from the project was free to speak, and many chose to say a few words about their time on it."
            ),
            _(
                "One group's thanks took the form of free access to journal articles, which a member found really useful."
            ),
        ],
        snakes=[
            _(
                "One member was told to do the speaking because they were good at it, even though they did not want to."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.COMPLETING,
        key="completing-not-only-reports",
        title=_("Not everything has to be a report"),
        explanation=_(
            "A written report is only one way to share what the project found. "
            "Ask everyone for ideas about the best way to get the message across. "
            "A video, artwork, stories or an event might reach more people. "
            "Choose a form that keeps the group's own voices."
        ),
        ladders=[
            _(
                "A group made a video so people could hear the findings in members' own voices, instead of a slide show."
            ),
        ],
        snakes=[
            _(
                "A project only produced a long written report, which few people outside the organisation ever read."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.COMPLETING,
        key="completing-share-widely",
        title=_("Go outside the usual mechanisms to share learning"),
        explanation=_(
            "Professional conferences and events are useful, but they are not the only places to share your work. "
            "Members with lived experience often belong to their own groups and networks. "
            "Many have taken part in several projects and know lots of people. "
            "Ask them where the work could be shared and who would want to hear about it."
        ),
        ladders=[
            _(
                "Members who had been part of many projects passed the work on through their own wide networks."
            ),
        ],
        snakes=[
            _(
                "A project only shared its findings at professional events, so the communities it worked with never heard them."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.COMPLETING,
        key="completing-keep-details",
        title=_("Keep people's details on file (if they want)"),
        explanation=_(
            "When the project ends, ask people whether you may keep their contact details. "
            "Check if they would like to hear about future projects or other ways to get involved. "
            "Only keep details for people who say yes. "
            "Over time this builds a network, so the next project does not start from nothing."
        ),
        ladders=[
            _(
                "An organisation built up a network of people with lived experience, while still welcoming fresh voices into each new project."
            ),
        ],
        snakes=[
            _(
                "Contact details were lost when a project ended, so the next project had to find everyone all over again."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.COMPLETING,
        key="completing-what-would-help",
        title=_("Ask what would directly help lived experience co-producers"),
        explanation=_(
            "Many people join a project to gain experience and build skills for paid or unpaid work. "
            "Ask what would help each person show what they have done. "
            "A certificate, a reference or a written note of their part in the work can make a real difference. "
            "Make the offer to everyone, and let people choose."
        ),
        ladders=[
            _(
                "Members were given certificates they could add to their work history or their online profiles."
            ),
            _("Professionals offered to give references when members applied for jobs."),
        ],
    ),
    LibraryMark(
        stage=Stage.COMPLETING,
        key="completing-reflect",
        title=_("Reflect on your own experiences"),
        explanation=_(
            "Take time to think about what you found hard and what you are proud of. "
            "Ask yourself what you would do differently next time. "
            "Notice what the project has taught you, both about co-production and about yourself. "
            "Then look ahead, because every ending can be the start of something new."
        ),
        ladders=[
            _(
                "One co-producer said the project changed their whole outlook, and now they ask of every new piece of work how it could be co-produced."
            ),
        ],
    ),
    # -- Review: follows the quick start guide, with depth from the council
    # framework and the practice questions and answers.
    LibraryMark(
        stage=Stage.REVIEW,
        key="review-give-yourselves-credit",
        title=_("Give yourselves credit"),
        explanation=_(
            "Many co-production projects are never looked back on at all. "
            "Simply taking the time to review your work together is something to be proud of. "
            "Recognise what each person brought and what the group achieved. "
            "Tell people when their contribution made a difference."
        ),
        ladders=[
            _(
                "A group told members when their ideas had changed the service, which boosted their confidence and sense of achievement."
            ),
        ],
        snakes=[
            _(
                "A project ended and everyone moved on without ever looking back at what they had done together."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.REVIEW,
        key="review-plan-from-the-start",
        title=_("Plan the review together from the start"),
        explanation=_(
            "Decide how you will look back on the project while you are still planning it. "
            "Agree early how you will keep track of progress and how you will share what you learn. "
            "Reviewing should happen all the way through, not only at the end. "
            "Gathering feedback as you go lets you change course in time."
        ),
        ladders=[
            _(
                "At the start, a group agreed how it would track progress and record what it learned."
            ),
            _(
                "A group set aside regular time to reflect together and talk about worries, successes and ideas."
            ),
        ],
        snakes=[
            _(
                "Because nobody was checking how things were going, a conflict was left to grow for far too long."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.REVIEW,
        key="review-co-produce-the-review",
        title=_("Make the review as co-produced as the project"),
        explanation=_(
            "The review belongs to the whole group, not only to the professionals. "
            "Members with lived experience should help decide what to look at and what the findings mean. "
            "Bring the same care and fairness that you brought to the rest of the project. "
            "A review done by a few people can miss what mattered most to everyone else."
        ),
        ladders=[
            _(
                "Lived experience members helped to choose the review questions and made sense of the answers alongside the professionals."
            ),
        ],
        snakes=[
            _(
                "Professionals wrote the review on their own, and lived experience members were only asked to add their stories."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.REVIEW,
        key="review-agree-how",
        title=_("Agree together how you will review"),
        explanation=_(
            "There are many ways to look back on a project. "
            "Your organisation may already have a method or a tool you could use. "
            "Before choosing it, make sure every co-producer agrees it is the right fit, not only the professionals. "
            "Pick a way that lets everyone take part in a way that suits them."
        ),
        ladders=[
            _(
                "A group tried out an existing review tool and only used it once every member agreed it suited them."
            ),
        ],
        snakes=[
            _(
                "The review used a form that only professionals had chosen, and some members found it hard to fill in."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.REVIEW,
        key="review-whose-voices",
        title=_("Ask whose voices were heard"),
        explanation=_(
            "Look back at who spoke most and who spoke least. "
            "Ask whether any voices were missing, and why. "
            "Check whether the way you paid people, planned meetings or ran the project shut anyone out. "
            "Use what you find to do better next time."
        ),
        ladders=[
            _(
                "A group asked itself who stayed quiet and who took over, and changed how it ran meetings so everyone had a turn."
            ),
        ],
        snakes=[
            _(
                "A group assumed the few people in the room spoke for a whole community, without checking whether that was fair."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.REVIEW,
        key="review-six-months-on",
        title=_("Look again six months later"),
        explanation=_(
            "Some changes take time to show. "
            "About six months after the project, come back together and ask what has changed and what has not. "
            "Share what you find with every member who wants to know. "
            "This helps you see the real difference the work has made."
        ),
        ladders=[
            _(
                "A group met again six months after its project ended to check which changes had lasted."
            ),
        ],
        snakes=[
            _(
                "Members never heard what happened after a project ended, so they could not tell whether their work had made any difference."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.REVIEW,
        key="review-change-direction",
        title=_("Be ready to change direction"),
        explanation=_(
            "A review may show that some plans are not working. "
            "That is useful to know, not a failure. "
            "Talk together about what to keep, what to drop and what to do differently. "
            "Stay open to new and unexpected ideas, even when that feels uncertain."
        ),
        ladders=[
            _(
                "A group talked openly about what might go wrong, which made it easier to change its plans when it needed to."
            ),
        ],
        snakes=[
            _("A project stuck to its first plan even when members could see it was not working."),
        ],
    ),
    LibraryMark(
        stage=Stage.REVIEW,
        key="review-celebrate-again",
        title=_("Celebrate again"),
        explanation=_(
            "A review is another good reason to celebrate. "
            "It is also a fresh chance to tell people about the project and what it achieved. "
            "Share what the group has learned about working together, not only the results. "
            "Plan the celebration with everyone, just as you did before."
        ),
        ladders=[
            _(
                "Members shared the review through their own community networks, reaching people the organisation could not."
            ),
        ],
    ),
    LibraryMark(
        stage=Stage.REVIEW,
        key="review-making-a-difference",
        title=_("Believe you are making a difference"),
        explanation=_(
            "Every co-production project helps to make this way of working more normal. "
            "Each one shows that lived experience and professional knowledge can be valued equally. "
            "Change can feel slow, but your work adds to it. "
            "Think about what the group could co-produce next."
        ),
        ladders=[
            _(
                "An organisation built co-production into how it plans money, training and time, instead of squeezing it into old ways of working."
            ),
        ],
        snakes=[
            _(
                "Co-production was asked for at short notice, without the training, time or money to do it properly."
            ),
        ],
    ),
]
