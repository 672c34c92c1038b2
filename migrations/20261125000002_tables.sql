-- Secret Santa schema, part 2: types and tables, with their constraints and indexes. Who may
-- read or write them is part 4.

create type public.user_role as enum ('author', 'participant');
create type public.token_purpose as enum ('set_password', 'reset_password');

-- Accounts: authors who registered and participants who redeemed an invitation. Every account
-- has a password from its first moment.
create table public.users (
    id uuid primary key default gen_random_uuid(),
    email public.citext not null,
    password_hash text not null,
    role public.user_role not null default 'author',
    password_set_at timestamptz not null,
    created_at timestamptz not null default now(),
    -- Bumped when a user changes their password: sessions carry the version they were made with
    -- and stop working once it changes, on every app instance.
    session_version integer not null default 1,
    -- The owner's name: asked at registration (editable on the account page), and taken from the
    -- invitation's row for accounts made through an invitation.
    first_name text,
    surname text,
    constraint users_email_key unique (email),
    constraint users_email_format check (
        char_length(email) <= 254 and email::text ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
    ),
    constraint users_password_hash_is_argon2id check (
        password_hash is null or password_hash like '$argon2id$%'
    ),
    constraint users_password_set_at_with_hash check (
        (password_hash is null) = (password_set_at is null)
    ),
    -- Either both names or neither; each 1–100 characters with no surrounding spaces — the app
    -- trims, the database holds it.
    constraint users_names check (
        (first_name is null) = (surname is null)
        and (first_name is null or (char_length(first_name) between 1 and 100
                                    and first_name = pg_catalog.btrim(first_name)))
        and (surname is null or (char_length(surname) between 1 and 100
                                 and surname = pg_catalog.btrim(surname)))
    )
);

create table public.draws (
    id uuid primary key default gen_random_uuid(),
    author_id uuid not null references public.users (id) on delete cascade,
    name text not null,
    budget_minor bigint,
    budget_currency text,
    exchange_date date,
    message text,
    drawn_at timestamptz,
    created_at timestamptz not null default now(),
    constraint draws_name_length check (btrim(name) <> '' and char_length(name) <= 120),
    constraint draws_budget_range check (budget_minor between 0 and 100000000000),
    constraint draws_budget_currency_format check (budget_currency ~ '^[A-Z]{3}$'),
    constraint draws_budget_complete check ((budget_minor is null) = (budget_currency is null)),
    constraint draws_message_length check (char_length(message) <= 2000)
);
create index draws_author_id_idx on public.draws (author_id);

-- The people of a draw. A row (a membership) has no user until someone redeems that
-- membership's own invitation; running a draw creates no accounts.
create table public.draw_participants (
    id uuid primary key default gen_random_uuid(),
    draw_id uuid not null references public.draws (id) on delete cascade,
    user_id uuid references public.users (id) on delete set null,
    name text not null,
    surname text not null,
    email public.citext not null,
    gift_preferences text not null default '',
    created_at timestamptz not null default now(),
    -- The order in which the organizer listed the people of the draw.
    position smallint not null default 0,
    -- When the person's latest invitation link was made (NULL: never).
    invited_at timestamptz,
    -- Whether the latest invitation mail went out, and when.
    mail_status text,
    mail_at timestamptz,
    -- Failed sends in a row for the latest invitation (a success resets it): failed mail is
    -- tried again later by the server, a bounded number of times.
    mail_attempts integer not null default 0,
    constraint draw_participants_draw_id_email_key unique (draw_id, email),
    -- lets matches and exclusions require both people to be in the same draw
    constraint draw_participants_id_draw_id_key unique (id, draw_id),
    constraint draw_participants_name_length check (btrim(name) <> '' and char_length(name) <= 100),
    constraint draw_participants_surname_length check (btrim(surname) <> '' and char_length(surname) <= 100),
    constraint draw_participants_email_format check (
        char_length(email) <= 254 and email::text ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
    ),
    constraint draw_participants_gift_preferences_length check (char_length(gift_preferences) <= 10000),
    constraint draw_participants_position_range check (position between 0 and 31),
    constraint draw_participants_mail_status_values check (mail_status in ('sent', 'failed')),
    constraint draw_participants_mail_attempts_nonnegative check (mail_attempts >= 0)
);
create index draw_participants_user_id_idx on public.draw_participants (user_id);
create index draw_participants_email_idx on public.draw_participants (email);

-- "giver must not give to recipient" rules of one draw.
create table public.exclusions (
    draw_id uuid not null references public.draws (id) on delete cascade,
    giver_id uuid not null,
    recipient_id uuid not null,
    primary key (draw_id, giver_id, recipient_id),
    foreign key (giver_id, draw_id) references public.draw_participants (id, draw_id) on delete cascade,
    foreign key (recipient_id, draw_id) references public.draw_participants (id, draw_id) on delete cascade,
    constraint exclusions_not_self check (giver_id <> recipient_id)
);
create index exclusions_giver_id_idx on public.exclusions (giver_id);
create index exclusions_recipient_id_idx on public.exclusions (recipient_id);

-- Who gives to whom. Nobody but the giver can read a row: not even the draw's author.
create table public.matches (
    id uuid primary key default gen_random_uuid(),
    draw_id uuid not null references public.draws (id) on delete cascade,
    giver_id uuid not null,
    recipient_id uuid not null,
    created_at timestamptz not null default now(),
    -- When the giver first opened their match (the organizer sees whether it is set, never the
    -- pair).
    viewed_at timestamptz,
    constraint matches_giver_id_key unique (giver_id),
    constraint matches_recipient_id_key unique (recipient_id),
    constraint matches_not_self check (giver_id <> recipient_id),
    foreign key (giver_id, draw_id) references public.draw_participants (id, draw_id) on delete cascade,
    foreign key (recipient_id, draw_id) references public.draw_participants (id, draw_id) on delete cascade
);
create index matches_draw_id_idx on public.matches (draw_id);

-- Cached AI gift ideas, one row per match: where they came from, and a digest of the wishes and
-- budget they were made for (so the page can say the wishes changed since).
create table public.ai_suggestions (
    id uuid primary key default gen_random_uuid(),
    match_id uuid not null references public.matches (id) on delete cascade,
    data jsonb not null,
    model text not null,
    created_at timestamptz not null default now(),
    source text not null default 'provider',
    input_digest bytea,
    constraint ai_suggestions_match_id_key unique (match_id),
    constraint ai_suggestions_model_length check (char_length(model) <= 200),
    constraint ai_suggestions_source_values check (source in ('provider', 'offline')),
    constraint ai_suggestions_data_is_list check (jsonb_typeof(data) = 'array' and jsonb_array_length(data) <= 6)
);

-- One row per match that ever asked for ideas: the lease held while one request talks to the
-- provider (every other request for the match waits for it, on any app instance), and today's
-- count of upstream calls for the daily cap.
create table public.ai_requests (
    match_id uuid primary key references public.matches (id) on delete cascade,
    holder uuid,
    lease_until timestamptz,
    day date not null default current_date,
    calls_today integer not null default 0,
    constraint ai_requests_calls_today_nonnegative check (calls_today >= 0)
);

-- Single-use tokens. Only the SHA-256 of the token is stored. An invitation (set_password) opens
-- one membership, never an account; a reset token belongs to one account. A link that was used
-- stays recorded, so its page can say when it was used.
create table public.auth_tokens (
    id uuid primary key default gen_random_uuid(),
    user_id uuid references public.users (id) on delete cascade,
    purpose public.token_purpose not null,
    token_hash bytea not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now(),
    participant_id uuid references public.draw_participants (id) on delete cascade,
    revoked_at timestamptz,
    constraint auth_tokens_token_hash_key unique (token_hash),
    constraint auth_tokens_token_hash_length check (octet_length(token_hash) = 32),
    constraint auth_tokens_owner check (
        (purpose = 'set_password' and participant_id is not null and user_id is null)
        or (purpose = 'reset_password' and user_id is not null and participant_id is null)
    )
);
create index auth_tokens_user_id_idx on public.auth_tokens (user_id);
create index auth_tokens_participant_id_idx on public.auth_tokens (participant_id);

-- Login attempts per key ("account:<email>", "address:<ip>") in a fixed window. Kept in the
-- database so the limit holds across app instances.
create table public.login_throttle (
    key text primary key,
    failures integer not null,
    window_start timestamptz not null,
    constraint login_throttle_key_length check (char_length(key) <= 300)
);

-- Sessions, stored by the SHA-256 of their id: a leaked table yields no cookie that works.
create table public.sessions (
    id_hash bytea primary key,
    data bytea not null,
    expiry_date timestamptz not null,
    constraint sessions_id_hash_length check (octet_length(id_hash) = 32)
);
create index sessions_expiry_date_idx on public.sessions (expiry_date);
